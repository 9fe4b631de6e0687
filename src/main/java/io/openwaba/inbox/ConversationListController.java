package io.openwaba.inbox;

import io.openwaba.console.ConsolePrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import io.openwaba.tenancy.ConsoleUser;
import io.openwaba.tenancy.ConsoleUsers;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The chat center's list, the latest first, and the live stream that keeps the console's pages current. */
@Controller
class ConversationListController {

    static final int PAGE = 50;
    private final Conversations conversations;
    private final InboxStream stream;
    private final Assignments assignments;
    private final ConsoleUsers users;

    ConversationListController(Conversations conversations, InboxStream stream, Assignments assignments,
                               ConsoleUsers users) {
        this.conversations = conversations;
        this.stream = stream;
        this.assignments = assignments;
        this.users = users;
    }

    @GetMapping("/console/conversations")
    String list(@AuthenticationPrincipal ConsolePrincipal user, Model model) {
        listModel(user, model);
        model.addAttribute("available", assignments.available(user.id()));
        return "inbox/conversations";
    }

    @GetMapping("/console/conversations/list")
    String listFragment(@AuthenticationPrincipal ConsolePrincipal user, Model model) {
        listModel(user, model);
        return "inbox/conversations :: list";
    }

    /** Online operators receive conversations when the business assigns them automatically. */
    @PostMapping("/console/availability")
    String availability(@AuthenticationPrincipal ConsolePrincipal user,
                        @RequestParam(defaultValue = "false") boolean available) {
        assignments.setAvailable(user.id(), businessOf(user), available);
        return "redirect:/console/conversations";
    }

    private void listModel(ConsolePrincipal user, Model model) {
        var businessId = businessOf(user);
        model.addAttribute("conversations", conversations.ofBusiness(businessId, PAGE));
        model.addAttribute("names", users.ofBusiness(businessId).stream()
                .collect(Collectors.toMap(ConsoleUser::id, ConsoleUser::displayName, (a, b) -> a)));
    }

    @GetMapping(path = "/console/stream", produces = "text/event-stream")
    SseEmitter stream(@AuthenticationPrincipal ConsolePrincipal user) {
        return stream.open(businessOf(user));
    }

    private static String businessOf(ConsolePrincipal user) {
        if (user.businessId() == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return user.businessId();
    }
}
