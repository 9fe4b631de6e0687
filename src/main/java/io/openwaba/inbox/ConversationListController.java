package io.openwaba.inbox;

import io.openwaba.console.ConsolePrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The chat center's list, the latest first, and the live stream that keeps the console's pages current. */
@Controller
class ConversationListController {

    static final int PAGE = 50;
    private final Conversations conversations;
    private final InboxStream stream;

    ConversationListController(Conversations conversations, InboxStream stream) {
        this.conversations = conversations;
        this.stream = stream;
    }

    @GetMapping("/console/conversations")
    String list(@AuthenticationPrincipal ConsolePrincipal user, Model model) {
        model.addAttribute("conversations", conversations.ofBusiness(businessOf(user), PAGE));
        return "inbox/conversations";
    }

    @GetMapping("/console/conversations/list")
    String listFragment(@AuthenticationPrincipal ConsolePrincipal user, Model model) {
        model.addAttribute("conversations", conversations.ofBusiness(businessOf(user), PAGE));
        return "inbox/conversations :: list";
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
