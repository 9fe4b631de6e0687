package io.openwaba.numbers;

import io.openwaba.shared.ApiProblem;
import io.openwaba.shared.Caller;
import io.openwaba.shared.ManagementApi;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Number health on the management API: the read-only view with history, evaluation on demand,
 * and the admin's and the business's actions on a number.
 */
@ManagementApi
@RestController
@RequestMapping("/api/phone-numbers/{id}")
class NumberHealthController {

    private final PhoneNumbers numbers;
    private final NumberLifecycle lifecycle;
    private final NumberHealth health;
    private final NumberHealthView view;

    NumberHealthController(PhoneNumbers numbers, NumberLifecycle lifecycle, NumberHealth health,
                           NumberHealthView view) {
        this.numbers = numbers;
        this.lifecycle = lifecycle;
        this.health = health;
        this.view = view;
    }

    record Throughput(Integer messagesPerSecond) {
    }

    record MessagingLimit(String tier) {
    }

    record HumanAgent(String humanAgent) {
    }

    record Decision(String reason) {
    }

    record Migration(String wabaId) {
    }

    record Confirmation(String confirm) {
    }

    @GetMapping("/health")
    Map<String, Object> health(Caller caller, @PathVariable String id) {
        return view.of(visible(caller, id));
    }

    /** Evaluates quality, status and the tier upgrade now instead of at the next scheduled round. */
    @PostMapping("/health/evaluate")
    Map<String, Object> evaluate(Caller caller, @PathVariable String id) {
        var number = visible(caller, id);
        health.evaluateNow(number);
        numbers.forget(id);
        return view.of(numbers.find(id).orElseThrow());
    }

    @PutMapping("/throughput")
    Map<String, Object> throughput(Caller caller, @PathVariable String id, @RequestBody Throughput request) {
        return view.of(lifecycle.setThroughput(adminOnly(caller, id), request.messagesPerSecond()));
    }

    @PutMapping("/messaging-limit")
    Map<String, Object> messagingLimit(Caller caller, @PathVariable String id, @RequestBody MessagingLimit request) {
        return view.of(lifecycle.setTier(adminOnly(caller, id), request.tier()));
    }

    @PutMapping("/human-agent")
    Map<String, Object> humanAgent(Caller caller, @PathVariable String id, @RequestBody HumanAgent request) {
        return view.of(lifecycle.setHumanAgent(visible(caller, id), request.humanAgent()));
    }

    @PostMapping("/official-business-account")
    Map<String, Object> requestOfficial(Caller caller, @PathVariable String id) {
        return view.of(lifecycle.requestOfficial(visible(caller, id)));
    }

    @PostMapping("/official-business-account/grant")
    Map<String, Object> grant(Caller caller, @PathVariable String id, @RequestBody(required = false) Decision request) {
        return view.of(lifecycle.decideOfficial(adminOnly(caller, id), true, request == null ? null : request.reason()));
    }

    @PostMapping("/official-business-account/refuse")
    Map<String, Object> refuse(Caller caller, @PathVariable String id, @RequestBody(required = false) Decision request) {
        return view.of(lifecycle.decideOfficial(adminOnly(caller, id), false, request == null ? null : request.reason()));
    }

    @PostMapping("/migrate")
    Map<String, Object> migrate(Caller caller, @PathVariable String id, @RequestBody Migration request) {
        if (request.wabaId() == null || request.wabaId().isBlank()) {
            throw ApiProblem.badRequest("waba_id is required: the WABA the number moves to");
        }
        return view.of(lifecycle.migrate(adminOnly(caller, id), request.wabaId().trim()));
    }

    @PostMapping("/deregister")
    Map<String, Object> deregister(Caller caller, @PathVariable String id,
                                   @RequestBody(required = false) Confirmation request) {
        lifecycle.deregister(visible(caller, id), request == null ? null : request.confirm());
        numbers.forget(id);
        return view.of(numbers.find(id).orElseThrow());
    }

    private PhoneNumber visible(Caller caller, String id) {
        return numbers.find(caller, id).orElseThrow(() -> ApiProblem.notFound("phone number", id));
    }

    private PhoneNumber adminOnly(Caller caller, String id) {
        var number = visible(caller, id);
        if (!caller.isAdmin()) {
            throw ApiProblem.forbidden("this operation needs the BSP admin token");
        }
        return number;
    }
}
