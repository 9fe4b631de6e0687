package io.openwaba.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.OpenWabaApplication;
import io.openwaba.support.Http;
import io.openwaba.support.WebhookReceiver;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;

/**
 * A network where every message fails ({@code openwaba.sandbox.failure-rate=1}). It runs as its
 * own application on its own H2 database, so its failing network never touches the messages of
 * the application the other tests share.
 */
class SandboxFailureRateTest {

    @Test
    void everyMessageFailsWith131026AndTheCustomerSeesIt() throws Exception {
        var dataDir = Files.createTempDirectory("openwaba-failure-rate");
        try (var app = new SpringApplicationBuilder(OpenWabaApplication.class).run("--server.port=0",
                "--openwaba.data-dir=" + dataDir, "--openwaba.sandbox.failure-rate=1",
                "--openwaba.sandbox.ack-poll-interval=10ms", "--openwaba.messaging.dispatch-poll-interval=10ms",
                "--openwaba.webhooks.poll-interval=10ms");
             var receiver = new WebhookReceiver("failure-rate-token", appSecret(app))) {
            var http = new Http("http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
            var info = http.get("/sandbox/info", null).json();
            var token = info.get("access_token").asString();
            var numberId = info.get("phone_number_id").asString();
            var customer = info.at("/customers/0/wa_id").asString();
            assertThat(http.post("/v21.0/" + info.get("waba_id").asString() + "/subscribed_apps", token,
                    Map.of("override_callback_uri", receiver.url(), "verify_token", "failure-rate-token")).status())
                    .isEqualTo(200);
            http.post("/sandbox/customers/" + customer + "/messages", null,
                    Map.of("to", numberId, "text", Map.of("body", "hi")));

            var accepted = http.post("/v21.0/" + numberId + "/messages", token,
                    Map.of("messaging_product", "whatsapp", "to", customer, "text", Map.of("body", "lost")));

            assertThat(accepted.status()).isEqualTo(200);
            var wamid = accepted.json().at("/messages/0/id").asString();
            awaitUntil(() -> receiver.statusesOf(wamid).contains("failed"));
            assertThat(receiver.statusesOf(wamid)).containsExactly("failed");
            var failed = receiver.accepted().stream().map(WebhookReceiver.Delivery::value)
                    .filter(v -> v.at("/statuses/0/id").asString().equals(wamid)).findFirst().orElseThrow();
            assertThat(failed.at("/statuses/0/errors/0/code").asInt()).isEqualTo(131026);
            assertThat(failed.at("/statuses/0/errors/0/error_data/details").asString()).contains("failure-rate");
            awaitUntil(() -> http.get("/sandbox/customers/" + customer + "/messages", null).json()
                    .get(1).get("status").asString().equals("failed"));
        }
    }

    private static String appSecret(ApplicationContext app) {
        var port = app.getEnvironment().getProperty("local.server.port");
        return new Http("http://localhost:" + port).get("/sandbox/info", null).json().get("app_secret").asString();
    }

    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(25);
        }
    }
}
