package io.openwaba.console;

import io.openwaba.tenancy.Tenancy;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page and the console's start page; {@code /} leads a newcomer to them. */
@Controller
class ConsoleController {

    private final Tenancy tenancy;

    ConsoleController(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    @GetMapping("/")
    String root() {
        return "redirect:/console";
    }

    @GetMapping("/console/login")
    String login() {
        return "console/login";
    }

    @GetMapping("/console")
    String home(@AuthenticationPrincipal ConsolePrincipal user, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("business", user.businessId() == null ? null
                : tenancy.business(user.businessId()).map(business -> business.name()).orElse(null));
        return "console/home";
    }
}
