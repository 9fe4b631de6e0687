package io.openwaba.numbers;

import io.openwaba.graph.GraphApi;
import io.openwaba.graph.GraphBody;
import io.openwaba.graph.GraphException;
import io.openwaba.shared.ApiProblem;
import io.openwaba.shared.Caller;
import io.openwaba.tenancy.Tenancy;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Meta's number registration calls: add a number to a WABA, request and verify its code,
 * register it (then it is PENDING review) and deregister it. Parameters come as JSON, form or query.
 */
@GraphApi
@RestController
class NumberRegistrationGraph {

    private final PhoneNumbers numbers;
    private final NumberLifecycle lifecycle;
    private final Tenancy tenancy;

    NumberRegistrationGraph(PhoneNumbers numbers, NumberLifecycle lifecycle, Tenancy tenancy) {
        this.numbers = numbers;
        this.lifecycle = lifecycle;
        this.tenancy = tenancy;
    }

    @PostMapping({GraphApi.VERSION + "/{wabaId}/phone_numbers", "/{wabaId:\\d+}/phone_numbers"})
    Map<String, Object> add(Caller caller, @PathVariable String wabaId, GraphBody body) {
        var waba = tenancy.waba(caller, wabaId).orElseThrow(() -> GraphException.unknownObject(wabaId, "post"));
        var cc = body.string("cc").or(() -> body.string("country_code")).orElse("").replaceAll("[^0-9]", "");
        var phone = body.requiredString("phone_number");
        var name = body.requiredString("verified_name");
        var full = phone.trim().startsWith("+") || cc.isEmpty() ? phone : "+" + cc + phone.replaceAll("^0+", "");
        var number = graph(() -> numbers.addUnverified(waba.id(), full, name));
        return Map.of("id", number.id());
    }

    @PostMapping({GraphApi.VERSION + "/{phoneNumberId}/request_code", "/{phoneNumberId:\\d+}/request_code"})
    Map<String, Object> requestCode(Caller caller, @PathVariable String phoneNumberId, GraphBody body) {
        var number = visible(caller, phoneNumberId);
        graph(() -> {
            lifecycle.requestCode(number, body.string("code_method").orElse("SMS"));
            return null;
        });
        return Map.of("success", true);
    }

    @PostMapping({GraphApi.VERSION + "/{phoneNumberId}/verify_code", "/{phoneNumberId:\\d+}/verify_code"})
    Map<String, Object> verifyCode(Caller caller, @PathVariable String phoneNumberId, GraphBody body) {
        var number = visible(caller, phoneNumberId);
        var code = body.requiredString("code");
        graph(() -> {
            lifecycle.verifyCode(number, code);
            return null;
        });
        return Map.of("success", true);
    }

    @PostMapping({GraphApi.VERSION + "/{phoneNumberId}/register", "/{phoneNumberId:\\d+}/register"})
    Map<String, Object> register(Caller caller, @PathVariable String phoneNumberId, GraphBody body) {
        var number = visible(caller, phoneNumberId);
        body.requireMessagingProduct();
        var pin = body.requiredString("pin");
        graph(() -> {
            lifecycle.register(number, pin);
            return null;
        });
        return Map.of("success", true);
    }

    /** Deletes the number's history, so it needs {@code confirm} = the number's digits (an openwaba addition). */
    @PostMapping({GraphApi.VERSION + "/{phoneNumberId}/deregister", "/{phoneNumberId:\\d+}/deregister"})
    Map<String, Object> deregister(Caller caller, @PathVariable String phoneNumberId, GraphBody body) {
        var number = visible(caller, phoneNumberId);
        graph(() -> {
            lifecycle.deregister(number, body.string("confirm").orElse(null));
            return null;
        });
        return Map.of("success", true);
    }

    private PhoneNumber visible(Caller caller, String id) {
        return numbers.find(caller, id).orElseThrow(() -> GraphException.unknownObject(id, "post"));
    }

    /** Runs a lifecycle call and answers its refusal in the Graph envelope. */
    private static <T> T graph(Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiProblem problem) {
            if (problem.status() == HttpStatus.CONFLICT) {
                throw GraphException.whatsapp(HttpStatus.BAD_REQUEST, 131009, "Parameter value is not valid",
                        problem.getMessage());
            }
            throw GraphException.invalidParameter(problem.getMessage());
        }
    }
}
