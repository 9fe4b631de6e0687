package io.openwaba.inbox;

import io.openwaba.console.ConsolePrincipal;
import io.openwaba.tenancy.ConsoleRole;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The business admin's page of canned responses: the list, a form to add one, and a delete on each. */
@Controller
class CannedResponseController {

    private final CannedResponses canned;

    CannedResponseController(CannedResponses canned) {
        this.canned = canned;
    }

    @GetMapping("/console/canned-responses")
    String page(@AuthenticationPrincipal ConsolePrincipal admin, Model model) {
        return page(businessOf(admin), model, "", "", Map.of());
    }

    @PostMapping("/console/canned-responses")
    String add(@AuthenticationPrincipal ConsolePrincipal admin, @RequestParam(defaultValue = "") String shortcut,
               @RequestParam(defaultValue = "") String text, Model model, RedirectAttributes redirect,
               HttpServletResponse response) {
        var businessId = businessOf(admin);
        var errors = canned.add(businessId, shortcut, text);
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(businessId, model, shortcut, text, errors);
        }
        redirect.addFlashAttribute("saved", CannedResponses.shortcut(shortcut).orElseThrow());
        return "redirect:/console/canned-responses";
    }

    @PostMapping("/console/canned-responses/{id}/delete")
    String delete(@AuthenticationPrincipal ConsolePrincipal admin, @PathVariable String id) {
        if (!canned.remove(businessOf(admin), id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/console/canned-responses";
    }

    private String page(String businessId, Model model, String shortcut, String text, Map<String, String> errors) {
        model.addAttribute("responses", canned.ofBusiness(businessId));
        model.addAttribute("shortcut", shortcut);
        model.addAttribute("text", text);
        model.addAttribute("errors", errors);
        return "inbox/canned";
    }

    /** Only a business admin manages them; anyone else is told the page does not exist. */
    private static String businessOf(ConsolePrincipal admin) {
        if (admin.role() != ConsoleRole.BUSINESS_ADMIN) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return admin.businessId();
    }
}
