package io.openwaba.bench;

import io.openwaba.bench.json.Json;
import io.openwaba.bench.receiver.Receiver;
import java.io.IOException;
import java.net.http.HttpResponse;

import static io.openwaba.bench.shared.Log.log;

/** The demo WABA's webhook subscription, pointing at the receiver for the length of one run. */
final class Subscription {

    private Subscription() {
    }

    static void create(SetupClient setup, Sandbox sandbox, Receiver receiver) throws IOException, InterruptedException {
        String body = "{\"override_callback_uri\":" + Json.quote(receiver.callbackUrl())
                + ",\"verify_token\":" + Json.quote(receiver.verifyToken()) + "}";
        HttpResponse<String> response = setup.send(setup.post(path(sandbox), sandbox.accessToken(), body));
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("subscribed_apps answered HTTP " + response.statusCode() + ": "
                    + response.body() + " (a loopback callback may need"
                    + " openwaba.webhooks.allow-private-targets=true on the server)");
        }
        if (receiver.verifications.sum() == 0) {
            log("warning: the server registered the callback without verifying it");
        }
    }

    /** Deletes the subscription, so the server stops delivering to the receiver that goes away with this run. */
    static void delete(SetupClient setup, Sandbox sandbox) throws InterruptedException {
        String path = path(sandbox);
        try {
            HttpResponse<String> response = setup.send(setup.delete(path, sandbox.accessToken()));
            if (response.statusCode() / 100 == 2) {
                log("unsubscribed: DELETE %s answered HTTP %d, the server no longer delivers to the receiver",
                        path, response.statusCode());
            } else {
                log("warning: DELETE %s answered HTTP %d: %s; the server may keep delivering to the gone receiver",
                        path, response.statusCode(), response.body());
            }
        } catch (IOException e) {
            log("warning: DELETE %s failed: %s; the server may keep delivering to the gone receiver", path, e);
        }
    }

    private static String path(Sandbox sandbox) {
        return "/" + sandbox.graphVersion() + "/" + sandbox.wabaId() + "/subscribed_apps";
    }
}
