package io.openwaba.console;

import io.openwaba.tenancy.ConsoleRole;
import io.openwaba.tenancy.ConsoleUserProblem;
import io.openwaba.tenancy.ConsoleUsers;
import io.openwaba.tenancy.TeamProblem;
import io.openwaba.tenancy.Teams;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
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

/**
 * The business admin's team page: the business's console users and a form to add one, and its
 * teams with their members.
 */
@Controller
class TeamController {

    private final ConsoleUsers users;
    private final Teams teams;

    TeamController(ConsoleUsers users, Teams teams) {
        this.users = users;
        this.teams = teams;
    }

    /** What the form was sent with, shown again when it is refused (never the password). */
    record NewMember(String login, String displayName, String role) {
    }

    @GetMapping("/console/team")
    String team(@AuthenticationPrincipal ConsolePrincipal admin, Model model) {
        requireBusinessAdmin(admin);
        return page(admin, model, new NewMember("", "", ConsoleRole.OPERATOR.name()), Map.of());
    }

    @PostMapping("/console/team/teams")
    String addTeam(@AuthenticationPrincipal ConsolePrincipal admin, @RequestParam(defaultValue = "") String name,
                   @RequestParam(name = "member", required = false) List<String> members, Model model,
                   RedirectAttributes redirect, HttpServletResponse response) {
        requireBusinessAdmin(admin);
        try {
            var team = teams.create(admin.businessId(), name, members == null ? List.of() : members);
            redirect.addFlashAttribute("teamSaved", team.name());
            return "redirect:/console/team";
        } catch (TeamProblem.Refused refused) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("teamName", name);
            model.addAttribute("teamErrors", teamErrors(refused));
            return page(admin, model, new NewMember("", "", ConsoleRole.OPERATOR.name()), Map.of());
        }
    }

    @PostMapping("/console/team/teams/{teamId}/members")
    String setMembers(@AuthenticationPrincipal ConsolePrincipal admin, @PathVariable String teamId,
                      @RequestParam(name = "member", required = false) List<String> members,
                      RedirectAttributes redirect) {
        requireBusinessAdmin(admin);
        try {
            var team = teams.setMembers(admin.businessId(), teamId, members == null ? List.of() : members)
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
            redirect.addFlashAttribute("teamSaved", team.name());
        } catch (TeamProblem.Refused refused) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not the business's console users");
        }
        return "redirect:/console/team";
    }

    private static Map<String, String> teamErrors(TeamProblem.Refused refused) {
        var errors = new LinkedHashMap<String, String>();
        refused.problems().forEach(problem -> errors.putIfAbsent(problem.field(), "teams.error." + problem.name()));
        return errors;
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
        model.addAttribute("teams", teams.ofBusiness(admin.businessId()));
        model.addAttribute("names", users.displayNames(admin.businessId()));
        if (!model.containsAttribute("teamErrors")) {
            model.addAttribute("teamErrors", Map.of());
            model.addAttribute("teamName", "");
        }
        return "console/team";
    }

    /** Operators and the BSP admin are told the page does not exist. */
    private static void requireBusinessAdmin(ConsolePrincipal user) {
        if (user.role() != ConsoleRole.BUSINESS_ADMIN) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
