package io.openwaba.network.sandbox;

import io.openwaba.network.OnSandbox;
import io.openwaba.notices.Notices;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sandbox's mail outbox: the latest email notices of every business (template decisions,
 * quality warnings, broken links …), as sent or kept, so a sandbox needs no mail server to show
 * them. Sandbox mode only, like the rest of the sandbox.
 */
@OnSandbox
@Controller
class SandboxOutboxController {

    static final int LATEST = 100;
    private final Notices notices;

    SandboxOutboxController(Notices notices) {
        this.notices = notices;
    }

    @GetMapping("/sandbox/outbox")
    String outbox(Model model, HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
                + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
        model.addAttribute("mails", notices.latest(LATEST));
        return "sandbox/outbox";
    }
}
