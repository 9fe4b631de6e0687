package io.openwaba.console;

import io.openwaba.tenancy.ConsoleRole;
import io.openwaba.tenancy.ConsoleUserProblem;
import io.openwaba.tenancy.ConsoleUsers;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The business admin's team page: the business's console users, and a form to add one. */
@Controller
class TeamController {

    private final ConsoleUsers users;

    TeamController(ConsoleUsers users) {
        this.users = users;
    }

    /** What the form was sent with, shown again when it is refused (never the password). */
    record NewMember(String login, String displayName, String role) {
    }

    @GetMapping("/console/team")
    String team(@AuthenticationPrincipal ConsolePrincipal admin, Model model) {
        requireBusinessAdmin(admin);
        return page(admin, model, new NewMember("", "", ConsoleRole.OPERATOR.name()), Map.of());
    }

    @PostMapping("/console/team")
    String add(@AuthenticationPrincipal ConsolePrincipal admin, @RequestParam(defaultValue = "") String login,
               @RequestParam(name = "display_name", defaultValue = "") String displayName,
               @RequestParam(defaultValue = "") String role, @RequestParam(defaultValue = "") String password,
               Model model, RedirectAttributes redirect, HttpServletResponse response) {
        requireBusinessAdmin(admin);
        try {
            var added = users.create(admin.businessId(), login, displayName, role, password);
            redirect.addFlashAttribute("added", added.displayName());
            return "redirect:/console/team";
        } catch (ConsoleUserProblem.Refused refused) {
            var errors = new LinkedHashMap<String, String>();
            refused.problems().forEach(problem -> errors.putIfAbsent(problem.field(), "team.error." + problem.name()));
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(admin, model, new NewMember(login, displayName, role), errors);
        }
    }

    private String page(ConsolePrincipal admin, Model model, NewMember form, Map<String, String> errors) {
        model.addAttribute("members", users.ofBusiness(admin.businessId()));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("roles", new ConsoleRole[] {ConsoleRole.OPERATOR, ConsoleRole.BUSINESS_ADMIN});
        return "console/team";
    }

    /** Operators and the BSP admin are told the page does not exist. */
    private static void requireBusinessAdmin(ConsolePrincipal user) {
        if (user.role() != ConsoleRole.BUSINESS_ADMIN) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
