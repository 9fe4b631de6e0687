package io.openwaba.inbox;

import io.openwaba.console.ConsolePrincipal;
import io.openwaba.numbers.PhoneNumber;
import io.openwaba.numbers.PhoneNumbers;
import io.openwaba.shared.Caller;
import io.openwaba.tenancy.ConsoleRole;
import io.openwaba.tenancy.Tenancy;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
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

/** The business admin's automated replies: per number, the greeting and how a customer reaches a person. */
@Controller
class AutoReplyController {

    private final AutoReplies autoReplies;
    private final Tenancy tenancy;
    private final PhoneNumbers numbers;
    private final MessageSource messages;
    private final Assignments assignments;

    AutoReplyController(AutoReplies autoReplies, Tenancy tenancy, PhoneNumbers numbers, MessageSource messages,
                        Assignments assignments) {
        this.assignments = assignments;
        this.autoReplies = autoReplies;
        this.tenancy = tenancy;
        this.numbers = numbers;
        this.messages = messages;
    }

    /** One number's form: its settings as stored, or as typed when they were refused. */
    record Form(PhoneNumber number, boolean enabled, String greeting, String buttonTitle, String keywords,
                String handoffReply, String awayMessage, Map<String, String> errors) {
    }

    @GetMapping("/console/automation")
    String page(@AuthenticationPrincipal ConsolePrincipal admin, Model model, Locale locale) {
        return page(admin, model, locale, null);
    }

    @PostMapping("/console/automation/{phoneNumberId}")
    String save(@AuthenticationPrincipal ConsolePrincipal admin, @PathVariable String phoneNumberId,
                @RequestParam(defaultValue = "false") boolean enabled, @RequestParam(defaultValue = "") String greeting,
                @RequestParam(name = "button_title", defaultValue = "") String buttonTitle,
                @RequestParam(defaultValue = "") String keywords,
                @RequestParam(name = "handoff_reply", defaultValue = "") String handoffReply,
                @RequestParam(name = "away_message", defaultValue = "") String awayMessage, Model model, Locale locale, RedirectAttributes redirect, HttpServletResponse response) {
        var number = ownNumbers(admin).stream().filter(n -> n.id().equals(phoneNumberId)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var errors = new LinkedHashMap<String, String>();
        check(errors, "greeting", greeting, 1024, enabled);
        check(errors, "button_title", buttonTitle, 20, enabled);
        check(errors, "keywords", keywords, 500, enabled);
        check(errors, "handoff_reply", handoffReply, 1024, false);
        check(errors, "away_message", awayMessage, 1024, false);
        if (enabled && !errors.containsKey("keywords") && AutoReply.keywords(keywords).isEmpty()) {
            errors.put("keywords", "automation.error.required");
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(admin, model, locale, new Form(number, enabled, greeting, buttonTitle, keywords, handoffReply,
                    awayMessage, errors));
        }
        autoReplies.save(admin.businessId(), new AutoReply(number.id(), enabled, greeting.strip(), buttonTitle.strip(),
                AutoReply.keywords(keywords), handoffReply.strip(), awayMessage.strip()));
        redirect.addFlashAttribute("saved", number.displayPhoneNumber());
        return "redirect:/console/automation";
    }

    @PostMapping("/console/assignment")
    String assignment(@AuthenticationPrincipal ConsolePrincipal admin,
                      @RequestParam(defaultValue = "false") boolean automatic,
                      @RequestParam(name = "max_open", defaultValue = "") String maxOpen, Model model, Locale locale,
                      RedirectAttributes redirect, HttpServletResponse response) {
        ownNumbers(admin);
        int cap;
        try {
            cap = Integer.parseInt(maxOpen.strip());
        } catch (NumberFormatException e) {
            cap = 0;
        }
        if (cap < 1 || cap > Assignments.MAX_CAP) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("assignmentError", "automation.error.cap");
            model.addAttribute("typedCap", maxOpen);
            return page(admin, model, locale, null);
        }
        assignments.saveSettings(admin.businessId(), new AssignmentRows.Settings(automatic, cap));
        redirect.addFlashAttribute("assignmentSaved", true);
        return "redirect:/console/automation";
    }

    private String page(ConsolePrincipal admin, Model model, Locale locale, Form refused) {
        var numbers = ownNumbers(admin);
        model.addAttribute("assignment", assignments.settings(admin.businessId()));
        var forms = numbers.stream().map(number -> refused != null && refused.number().id().equals(number.id())
                ? refused : stored(number, locale)).toList();
        model.addAttribute("forms", forms);
        return "inbox/automation";
    }

    private Form stored(PhoneNumber number, Locale locale) {
        var reply = autoReplies.of(number.id());
        if (reply.greeting().isEmpty()) {
            return new Form(number, false, text("automation.default.greeting", locale),
                    text("automation.default.button", locale), text("automation.default.keywords", locale),
                    text("automation.default.handoff", locale), reply.awayMessage(), Map.of());
        }
        return new Form(number, reply.enabled(), reply.greeting(), reply.buttonTitle(),
                String.join(", ", reply.keywords()), reply.handoffReply(), reply.awayMessage(), Map.of());
    }

    private List<PhoneNumber> ownNumbers(ConsolePrincipal admin) {
        if (admin.role() != ConsoleRole.BUSINESS_ADMIN) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        var caller = Caller.business(admin.businessId(), null);
        return tenancy.wabas(caller, admin.businessId()).stream().flatMap(waba -> numbers.ofWaba(waba.id()).stream())
                .toList();
    }

    private static void check(Map<String, String> errors, String field, String value, int max, boolean required) {
        if (required && value.isBlank()) {
            errors.put(field, "automation.error.required");
        } else if (value.codePointCount(0, value.length()) > max) {
            errors.put(field, "automation.error.tooLong." + max);
        }
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
