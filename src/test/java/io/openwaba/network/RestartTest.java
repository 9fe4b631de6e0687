package io.openwaba.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.OpenWabaApplication;
import io.openwaba.support.Http;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The default setup as a newcomer runs it: H2 under the data directory, stopped and started again. */
class RestartTest {

    @Test
    void aRestartKeepsTheDemoBusinessAndResumesPendingWork() throws Exception {
        var dataDir = Files.createTempDirectory("openwaba-restart");
        Map<String, Object> first;
        String wamid;
        String customer;
        try (var app = start(dataDir, "restart-token-0123456789")) {
            var http = http(app);
            first = Http.JSON.convertValue(http.get("/sandbox/info", null).json(), Map.class);
            assertThat(first.get("access_token")).isEqualTo("restart-token-0123456789");
            customer = ((java.util.List<Map<String, String>>) first.get("customers")).get(0).get("wa_id");
            var numberId = (String) first.get("phone_number_id");
            http.post("/sandbox/customers/" + customer + "/messages", null,
                    Map.of("to", numberId, "text", Map.of("body", "hello")));
            var sent = http.post("/v21.0/" + numberId + "/messages", (String) first.get("access_token"),
                    Map.of("messaging_product", "whatsapp", "to", customer, "text", Map.of("body", "hi")));
            assertThat(sent.status()).as(sent.body()).isEqualTo(200);
            wamid = sent.json().at("/messages/0/id").asString();
            awaitChatStatus(http, customer, wamid, "delivered");
        }

        try (var app = start(dataDir, "restart-token-0123456789")) {
            var http = http(app);
            var second = Http.JSON.convertValue(http.get("/sandbox/info", null).json(), Map.class);
            for (var key : new String[] {"waba_id", "phone_number_id", "business_id", "app_secret", "access_token",
                    "display_phone_number"}) {
                assertThat(second.get(key)).as(key).isEqualTo(first.get(key));
            }
            assertThat(second.get("customers")).isEqualTo(first.get("customers"));
            // The read acknowledgement was due in an hour when the first run stopped.
            http.post("/sandbox/clock/advance", null, Map.of("duration", "PT2H"));
            awaitChatStatus(http, customer, wamid, "read");
        }
    }

    private static ConfigurableApplicationContext start(java.nio.file.Path dataDir, String token) {
        return new SpringApplicationBuilder(OpenWabaApplication.class).run(
                "--server.port=0", "--openwaba.data-dir=" + dataDir, "--openwaba.bootstrap.token=" + token,
                "--openwaba.sandbox.sent-delay=10ms", "--openwaba.sandbox.delivered-delay=20ms",
                "--openwaba.sandbox.read-delay=1h", "--openwaba.sandbox.ack-poll-interval=10ms",
                "--openwaba.messaging.dispatch-poll-interval=10ms");
    }

    private static Http http(ConfigurableApplicationContext app) {
        return new Http("http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
    }

    private static void awaitChatStatus(Http http, String customer, String wamid, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String seen = null;
        while (System.nanoTime() < deadline) {
            for (var line : http.get("/sandbox/customers/" + customer + "/messages", null).json()) {
                if (line.get("id").asString().equals(wamid)) {
                    seen = line.get("status").asString();
                }
            }
            if (status.equals(seen)) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("message " + wamid + " is " + seen + ", not " + status);
    }
}
