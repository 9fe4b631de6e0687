package io.openwaba.network.sandbox;

import io.openwaba.messaging.ReadableMessage;
import io.openwaba.messaging.ReadableMessages;
import io.openwaba.messaging.WhatsAppText;
import io.openwaba.network.OnSandbox;
import io.openwaba.numbers.PhoneNumbers;
import io.openwaba.shared.ApiProblem;
import io.openwaba.shared.OrderedMaps;
import io.openwaba.shared.UnreadableInput;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox phone: a WhatsApp-like page where a person plays a simulated customer, chats with
 * a business number (every message type as the customer sees it, reply buttons and list rows to
 * tap), blocks or reports it, and moves the sandbox clock. What a BSP shows a prospect, and what
 * the console's browser tests drive. Sandbox mode only, like the sandbox API it stands on.
 */
@OnSandbox
@Controller
class SandboxPhoneController {

    static final Set<String> ADVANCES = Set.of("PT1H", "PT25H", "P7D");

    private final SandboxNetwork network;
    private final DemoBusiness demo;
    private final SandboxClock clock;
    private final PhoneNumbers numbers;
    private final ReadableMessages readable;
    private final JsonMapper json = JsonMapper.builder().build();

    SandboxPhoneController(SandboxNetwork network, DemoBusiness demo, SandboxClock clock, PhoneNumbers numbers,
                           ReadableMessages readable) {
        this.network = network;
        this.demo = demo;
        this.clock = clock;
        this.numbers = numbers;
        this.readable = readable;
    }

    /** A line of the phone's chat: the customer's own ({@code mine}) or the business's. */
    record PhoneLine(String wamid, boolean mine, String type, List<WhatsAppText.Segment> text,
                     List<ReadableMessage.Item> items, String status, Instant at) {
    }

    @ModelAttribute
    void headers(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
        response.setHeader("X-Content-Type-Options", "nosniff");
    }

    @GetMapping("/sandbox/phone")
    String phone(@RequestParam(required = false) String customer, @RequestParam(required = false) String business,
                 Model model) {
        var number = business == null || business.isBlank() ? demoNumber() : business;
        model.addAttribute("customers", network.customers());
        model.addAttribute("business", number);
        model.addAttribute("now", clock.instant());
        model.addAttribute("advances", List.of("PT1H", "PT25H", "P7D"));
        if (customer != null && !customer.isBlank()) {
            try {
                var me = network.customer(customer);
                model.addAttribute("me", me);
                model.addAttribute("card", network.businessCard(number));
                model.addAttribute("blocked", network.blockedNumbers(me.waId()).contains(number));
                model.addAttribute("lines", lines(me.waId(), number));
            } catch (ApiProblem problem) {
                model.addAttribute("problem", problem.getMessage());
            }
        }
        return "sandbox/phone";
    }

    @GetMapping("/sandbox/phone/chat")
    String chat(@RequestParam String customer, @RequestParam String business, Model model) {
        var me = network.customer(customer);
        model.addAttribute("me", me);
        model.addAttribute("business", business);
        model.addAttribute("lines", lines(me.waId(), business));
        return "sandbox/phone :: chat";
    }

    @PostMapping("/sandbox/phone/customers")
    String join(@RequestParam(defaultValue = "") String number, @RequestParam(defaultValue = "") String name,
                RedirectAttributes redirect) {
        try {
            var customer = network.join(number, name, null);
            return "redirect:" + page(customer.waId(), null);
        } catch (ApiProblem problem) {
            redirect.addFlashAttribute("joinProblem", problem.getMessage());
            redirect.addFlashAttribute("joinNumber", number);
            redirect.addFlashAttribute("joinName", name);
            return "redirect:/sandbox/phone";
        }
    }

    @PostMapping("/sandbox/phone/send")
    String send(@RequestParam String customer, @RequestParam String business,
                @RequestParam(defaultValue = "") String text, RedirectAttributes redirect) {
        return act(customer, business, redirect, () -> network.write(customer, business, "text",
                CustomerMessages.content("text", Map.of("text", Map.of("body", text))), null));
    }

    /** The customer taps a reply button or a list row of the business's message. */
    @PostMapping("/sandbox/phone/tap")
    String tap(@RequestParam String customer, @RequestParam String business, @RequestParam String message,
               @RequestParam String kind, @RequestParam String id, @RequestParam String title,
               RedirectAttributes redirect) {
        if (!kind.equals("button_reply") && !kind.equals("list_reply")) {
            redirect.addFlashAttribute("problem", "kind must be button_reply or list_reply");
            return "redirect:" + page(customer, business);
        }
        var interactive = OrderedMaps.of("type", kind, kind, OrderedMaps.of("id", id, "title", title));
        return act(customer, business, redirect, () -> network.write(customer, business, "interactive",
                CustomerMessages.content("interactive", Map.of("interactive", interactive)), message));
    }

    @PostMapping("/sandbox/phone/block")
    String block(@RequestParam String customer, @RequestParam String business,
                 @RequestParam(defaultValue = "block") String how, RedirectAttributes redirect) {
        return act(customer, business, redirect, () -> {
            switch (how) {
                case "report" -> network.report(customer, business);
                case "unblock" -> network.unblock(customer, business);
                default -> network.block(customer, business);
            }
            return null;
        });
    }

    @PostMapping("/sandbox/phone/clock")
    String advance(@RequestParam(defaultValue = "") String customer, @RequestParam(defaultValue = "") String business,
                   @RequestParam(defaultValue = "") String by, RedirectAttributes redirect) {
        if (!ADVANCES.contains(by)) {
            redirect.addFlashAttribute("problem", "by must be one of PT1H, PT25H, P7D");
        } else {
            clock.advance(Duration.parse(by));
        }
        return "redirect:" + page(customer, business);
    }

    private String act(String customer, String business, RedirectAttributes redirect, java.util.function.Supplier<?> action) {
        try {
            action.get();
        } catch (ApiProblem problem) {
            redirect.addFlashAttribute("problem", problem.getMessage());
        }
        return "redirect:" + page(customer, business);
    }

    /** An unknown customer or number asked of a fragment: said plainly, not a server error. */
    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<String> problem(ApiProblem problem) {
        return ResponseEntity.status(problem.status()).contentType(MediaType.TEXT_PLAIN).body(problem.getMessage());
    }

    @ExceptionHandler(UnreadableInput.class)
    ResponseEntity<String> unreadable(UnreadableInput e) {
        return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body("Bad request: " + e.getMessage());
    }

    private List<PhoneLine> lines(String waId, String business) {
        var wabaId = numbers.find(business).map(n -> n.wabaId()).orElse(null);
        return network.chat(waId, 200).stream().filter(m -> m.phoneNumberId().equals(business)).map(m -> {
            var content = json.readTree(m.payload()).path(m.type());
            var shown = readable.read(wabaId, m.type(), content);
            return new PhoneLine(m.id(), m.direction().equals("sent"), m.type(), WhatsAppText.segments(shown.text()),
                    shown.items(), m.status(), m.timestamp());
        }).toList();
    }

    private String demoNumber() {
        return String.valueOf(demo.info().get("phone_number_id"));
    }

    private static String page(String customer, String business) {
        var uri = UriComponentsBuilder.fromPath("/sandbox/phone");
        if (customer != null && !customer.isBlank()) {
            uri.queryParam("customer", customer);
        }
        if (business != null && !business.isBlank()) {
            uri.queryParam("business", business);
        }
        return uri.build().encode().toUriString();
    }
}
