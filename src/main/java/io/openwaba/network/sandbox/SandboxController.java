package io.openwaba.network.sandbox;

import io.openwaba.network.OnSandbox;
import io.openwaba.shared.ApiProblem;
import io.openwaba.shared.ManagementApi;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The sandbox API: simulated customers, their chats, and the clock. Sandbox mode only. */
@ManagementApi
@OnSandbox
@RestController
@RequestMapping("/sandbox")
class SandboxController {

    private final SandboxNetwork network;
    private final DemoBusiness demo;
    private final SandboxClock clock;

    SandboxController(SandboxNetwork network, DemoBusiness demo, SandboxClock clock) {
        this.network = network;
        this.demo = demo;
        this.clock = clock;
    }

    record NewCustomer(String waId, String name, String country) {
    }

    record BusinessRef(String phoneNumberId) {
    }

    record Advance(String duration) {
    }

    @GetMapping("/info")
    Map<String, Object> info() {
        if (!demo.created()) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Starting",
                    "The demo business is being created; ask again in a moment");
        }
        return demo.info();
    }

    @GetMapping("/ping")
    String ping() {
        return "pong";
    }

    @PostMapping("/customers")
    @ResponseStatus(HttpStatus.CREATED)
    Customer join(@RequestBody NewCustomer request) {
        return network.join(request.waId(), request.name(), request.country());
    }

    /** A business number as customers see it: its name and its business profile. */
    @GetMapping("/businesses/{phoneNumberId}")
    Map<String, Object> business(@PathVariable String phoneNumberId) {
        return network.businessCard(phoneNumberId);
    }

    @GetMapping("/customers")
    List<Customer> customers() {
        return network.customers();
    }

    @GetMapping("/customers/{waId}")
    Map<String, Object> customer(@PathVariable String waId) {
        var customer = network.customer(waId);
        return Map.of("wa_id", customer.waId(), "name", customer.name(), "country", customer.country(),
                "blocked_phone_number_ids", network.blockedNumbers(waId),
                "typing_phone_number_ids", network.typingNumbers(waId));
    }

    /** The customer leaves WhatsApp: messages to the number fail from now on with 131026. */
    @DeleteMapping("/customers/{waId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void leave(@PathVariable String waId) {
        network.leave(waId);
    }

    @PostMapping("/customers/{waId}/messages")
    @ResponseStatus(HttpStatus.CREATED)
    ChatMessage write(@PathVariable String waId, @RequestBody Map<String, Object> request) {
        var type = request.get("type") == null ? "text" : String.valueOf(request.get("type")).toLowerCase(Locale.ROOT);
        var content = CustomerMessages.content(type, request);
        var context = request.get("context") instanceof Map<?, ?> given && given.get("message_id") instanceof String id
                ? id : null;
        var to = request.get("to") instanceof String number ? number : null;
        return network.write(waId, to, type, content, context);
    }

    /** The customer opens a short link or scans a QR code: the pre-filled message is sent to the business. */
    @PostMapping("/customers/{waId}/open-link")
    @ResponseStatus(HttpStatus.CREATED)
    ChatMessage openLink(@PathVariable String waId, @RequestBody Map<String, Object> request) {
        if (!(request.get("url") instanceof String url) || url.isBlank()) {
            throw ApiProblem.badRequest("url is required: a short link such as https://wa.me/message/4O4YGZEG3RIVE1");
        }
        return network.openLink(waId, url);
    }

    @GetMapping("/customers/{waId}/messages")
    List<ChatMessage> chat(@PathVariable String waId, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiProblem.badRequest("limit must be between 1 and 1000");
        }
        return network.chat(waId, limit);
    }

    @PostMapping("/customers/{waId}/block")
    Map<String, Object> block(@PathVariable String waId, @RequestBody BusinessRef request) {
        network.block(waId, request.phoneNumberId());
        return Map.of("success", true);
    }

    /** The customer reports the business as spam: it is blocked, and the report counts against its latest template. */
    @PostMapping("/customers/{waId}/report")
    Map<String, Object> report(@PathVariable String waId, @RequestBody BusinessRef request) {
        network.report(waId, request.phoneNumberId());
        return Map.of("success", true);
    }

    @PostMapping("/customers/{waId}/unblock")
    Map<String, Object> unblock(@PathVariable String waId, @RequestBody BusinessRef request) {
        network.unblock(waId, request.phoneNumberId());
        return Map.of("success", true);
    }

    @GetMapping("/clock")
    Map<String, Object> clock() {
        return Map.of("now", clock.instant().toString(), "offset", clock.offset().toString());
    }

    @PostMapping("/clock/advance")
    Map<String, Object> advance(@RequestBody Advance request) {
        Duration by;
        try {
            by = Duration.parse(request.duration() == null ? "" : request.duration());
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("duration must be an ISO-8601 duration such as PT25H or P7D, got '"
                    + request.duration() + "'");
        }
        if (by.isNegative() || by.isZero() || by.compareTo(Duration.ofDays(3650)) > 0) {
            throw ApiProblem.badRequest("duration must be positive and at most ten years: time only moves forward");
        }
        var now = clock.advance(by);
        return Map.of("now", now.toString(), "offset", clock.offset().toString());
    }
}
