package io.openwaba.webhooks;

import io.openwaba.graph.GraphApi;
import io.openwaba.graph.GraphBody;
import io.openwaba.graph.GraphException;
import io.openwaba.shared.Caller;
import io.openwaba.tenancy.Tenancy;
import io.openwaba.tenancy.Waba;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cloud API style webhook registration: {@code POST /{waba-id}/subscribed_apps} with
 * {@code override_callback_uri} and {@code verify_token}, signed with the business's app secret.
 */
@GraphApi
@RestController
class SubscribedAppsGraph {

    private static final String PATH = "/{wabaId}/subscribed_apps";

    private final Subscriptions subscriptions;
    private final Tenancy tenancy;

    SubscribedAppsGraph(Subscriptions subscriptions, Tenancy tenancy) {
        this.subscriptions = subscriptions;
        this.tenancy = tenancy;
    }

    @PostMapping({GraphApi.VERSION + PATH, PATH})
    Map<String, Object> subscribe(Caller caller, @PathVariable String wabaId, GraphBody body) {
        var waba = visible(caller, wabaId, "post");
        var callback = body.string("override_callback_uri");
        var verifyToken = body.string("verify_token");
        var existing = subscriptions.find(waba.id());
        if (callback.isEmpty() && existing.isEmpty()) {
            throw GraphException.requiredParameter("override_callback_uri");
        }
        if (callback.isPresent() && verifyToken.isEmpty()) {
            throw GraphException.requiredParameter("verify_token");
        }
        try {
            subscriptions.register(waba.id(), callback.orElseGet(() -> existing.get().callbackUrl()),
                    verifyToken.orElseGet(() -> existing.get().verifyToken()), null,
                    existing.map(Subscription::fields).orElse(null));
        } catch (WebhookRegistrationFailed failed) {
            throw new GraphException(HttpStatus.BAD_REQUEST, 2200, null, "OAuthException",
                    "(#2200) Callback verification failed with the following errors: " + failed.getMessage(), null);
        }
        return Map.of("success", true);
    }

    @GetMapping({GraphApi.VERSION + PATH, PATH})
    Map<String, Object> list(Caller caller, @PathVariable String wabaId) {
        var waba = visible(caller, wabaId, "get");
        var data = subscriptions.find(waba.id()).filter(Subscription::active).map(subscription -> {
            var app = new LinkedHashMap<String, Object>();
            app.put("whatsapp_business_api_data", Map.of("id", waba.businessId(), "name", "openwaba",
                    "link", "openwaba"));
            app.put("override_callback_uri", subscription.callbackUrl());
            return List.<Object>of(app);
        }).orElse(List.of());
        return Map.of("data", data);
    }

    @DeleteMapping({GraphApi.VERSION + PATH, PATH})
    Map<String, Object> unsubscribe(Caller caller, @PathVariable String wabaId) {
        var waba = visible(caller, wabaId, "delete");
        subscriptions.remove(waba.id());
        return Map.of("success", true);
    }

    private Waba visible(Caller caller, String wabaId, String method) {
        return tenancy.waba(caller, wabaId).orElseThrow(() -> GraphException.unknownObject(wabaId, method));
    }
}
