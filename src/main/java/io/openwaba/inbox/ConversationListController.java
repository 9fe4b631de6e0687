package io.openwaba.inbox;

import io.openwaba.console.ConsolePrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import io.openwaba.tenancy.ConsoleUsers;
import io.openwaba.tenancy.Teams;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
    private final Notes notes;
    private final Labels labels;
    private final Teams teams;

    ConversationListController(Conversations conversations, InboxStream stream, Assignments assignments,
                               ConsoleUsers users, Notes notes, Labels labels, Teams teams) {
        this.teams = teams;
        this.labels = labels;
        this.notes = notes;
        this.conversations = conversations;
        this.stream = stream;
        this.assignments = assignments;
        this.users = users;
    }

    @GetMapping("/console/conversations")
    String list(@AuthenticationPrincipal ConsolePrincipal user, @RequestParam(required = false) String view,
                @RequestParam(required = false) String q, @RequestParam(required = false) String team,
                @RequestParam(required = false) String label, @RequestParam(required = false) String after,
                Model model) {
        listModel(user, filter(view, q, team, label, after), model);
        model.addAttribute("available", assignments.available(user.id()));
        model.addAttribute("views", ConversationFilter.View.values());
        model.addAttribute("unreadMentions", notes.unreadMentions(user.id()));
        return "inbox/conversations";
    }

    /** The notes that mention the signed-in user, the latest first. */
    @GetMapping("/console/mentions")
    String mentions(@AuthenticationPrincipal ConsolePrincipal user, Model model) {
        businessOf(user);
        model.addAttribute("mentions", notes.mentionsOf(user.id(), PAGE));
        return "inbox/mentions";
    }

    @GetMapping("/console/conversations/list")
    String listFragment(@AuthenticationPrincipal ConsolePrincipal user, @RequestParam(required = false) String view,
                        @RequestParam(required = false) String q, @RequestParam(required = false) String team,
                        @RequestParam(required = false) String label, Model model) {
        listModel(user, filter(view, q, team, label, null), model);
        return "inbox/conversations :: list";
    }

    /** Online operators receive conversations when the business assigns them automatically. */
    @PostMapping("/console/availability")
    String availability(@AuthenticationPrincipal ConsolePrincipal user,
                        @RequestParam(defaultValue = "false") boolean available) {
        assignments.setAvailable(user.id(), businessOf(user), available);
        return "redirect:/console/conversations";
    }

    private void listModel(ConsolePrincipal user, ConversationFilter filter, Model model) {
        var businessId = businessOf(user);
        var page = conversations.list(businessId, user.id(), filter, PAGE + 1);
        var more = page.size() > PAGE;
        var shown = more ? page.subList(0, PAGE) : page;
        model.addAttribute("conversations", shown);
        model.addAttribute("labels", labels.of(shown.stream().map(Conversation::id).toList()));
        model.addAttribute("filter", filter);
        model.addAttribute("next", more ? shown.get(PAGE - 1).lastMessageAt() + "~" + shown.get(PAGE - 1).id() : null);
        model.addAttribute("names", users.displayNames(businessId));
        model.addAttribute("teams", teams.names(businessId));
    }

    @GetMapping(path = "/console/stream", produces = "text/event-stream")
    SseEmitter stream(@AuthenticationPrincipal ConsolePrincipal user,
                      @RequestParam(required = false) String conversation) {
        return stream.open(businessOf(user), conversation);
    }

    /** The list's filter from the page's parameters; one it cannot read is a bad request. */
    private static ConversationFilter filter(String view, String q, String team, String label, String after) {
        var parsed = ConversationFilter.View.parse(view)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown view"));
        var query = q == null ? "" : q.strip();
        if (query.length() > ConversationFilter.MAX_QUERY) {
            query = Conversations.cut(query, ConversationFilter.MAX_QUERY);
        }
        Instant afterAt = null;
        String afterId = null;
        if (after != null && !after.isBlank()) {
            int at = after.indexOf('~');
            try {
                afterAt = Instant.parse(after.substring(0, Math.max(at, 0)));
                afterId = after.substring(at + 1);
            } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a page of the list");
            }
        }
        String labelled = null;
        if (label != null && !label.isBlank()) {
            labelled = Labels.normalized(label)
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a label"));
        }
        var teamId = team == null || team.isBlank() ? null : team.strip();
        if (teamId != null && (teamId.length() > 20 || !teamId.chars().allMatch(Character::isDigit))) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a team");
        }
        return new ConversationFilter(parsed, query, teamId, labelled, afterAt, afterId);
    }

    private static String businessOf(ConsolePrincipal user) {
        if (user.businessId() == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return user.businessId();
    }
}
