package io.openwaba.inbox;

import io.openwaba.console.ConsolePrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;

/** The chat center's list: the business's conversations, the latest first. */
@Controller
class ConversationListController {

    static final int PAGE = 50;
    private final Conversations conversations;

    ConversationListController(Conversations conversations) {
        this.conversations = conversations;
    }

    @GetMapping("/console/conversations")
    String list(@AuthenticationPrincipal ConsolePrincipal user, Model model) {
        if (user.businessId() == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("conversations", conversations.ofBusiness(user.businessId(), PAGE));
        return "inbox/conversations";
    }
}
