package io.openwaba.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.OpenWabaApplication;
import io.openwaba.support.Http;
import io.openwaba.support.PlatformTest;
import io.openwaba.support.TestDatabase;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import listening.SeenEvents;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A listener in another module sees every {@link MessageReceived} and {@link MessageStatusChanged}
 * exactly once, also when it was down and the platform restarted in between.
 */
@Tag("database")
class DurableEventsTest {

    @Test
    void eventsAListenerMissedBeforeARestartReachItOnceAfterIt() throws Exception {
        var dataDir = Files.createTempDirectory("openwaba-events");
        var database = TestDatabase.isPostgres() ? TestDatabase.scratchPostgres("events") : null;
        SeenEvents.SEEN.clear();
        var expected = new ArrayList<String>();
        String numberId;
        String token;
        String customer;
        SeenEvents.failing = true;
        try (var app = start(dataDir, database)) {
            var http = http(app);
            var info = http.get("/sandbox/info", null).json();
            numberId = info.get("phone_number_id").asString();
            token = info.get("access_token").asString();
            customer = info.get("customers").get(0).get("wa_id").asString();
            expected.addAll(conversation(http, numberId, token, customer));
        }
        assertThat(SeenEvents.SEEN).isEmpty();

        SeenEvents.failing = false;
        try (var app = start(dataDir, database)) {
            var http = http(app);
            expected.addAll(conversation(http, numberId, token, customer));
            PlatformTest.eventually(() -> assertThat(SeenEvents.SEEN.keySet()).containsAll(expected));
            Thread.sleep(500); // a second delivery, if there were one, would have come by now
            assertThat(SeenEvents.SEEN).allSatisfy((key, count) -> assertThat(count.get()).as(key).isEqualTo(1));
            assertThat(SeenEvents.SEEN.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** The customer writes, the business answers; returns the events it must cause. */
    private static List<String> conversation(Http http, String numberId, String token, String customer) {
        var written = http.post("/sandbox/customers/" + customer + "/messages", null,
                Map.of("to", numberId, "type", "text", "text", Map.of("body", "hello")));
        assertThat(written.status()).as(written.body()).isEqualTo(201);
        var inbound = written.json().get("id").asString();
        var sent = http.post("/v21.0/" + numberId + "/messages", token,
                Map.of("messaging_product", "whatsapp", "to", customer, "text", Map.of("body", "hi")));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        var wamid = sent.json().at("/messages/0/id").asString();
        PlatformTest.eventually(() -> {
            var read = false;
            for (var line : http.get("/sandbox/customers/" + customer + "/messages", null).json()) {
                read |= line.get("id").asString().equals(wamid) && line.get("status").asString().equals("read");
            }
            assertThat(read).as(wamid + " read").isTrue();
        });
        return List.of("received " + inbound, "sent " + wamid, "delivered " + wamid, "read " + wamid);
    }

    private static ConfigurableApplicationContext start(java.nio.file.Path dataDir, String postgresUrl) {
        var args = new ArrayList<>(List.of("--server.port=0", "--openwaba.data-dir=" + dataDir,
                "--openwaba.bootstrap.token=events-token-0123456789", "--openwaba.sandbox.sent-delay=10ms",
                "--openwaba.sandbox.delivered-delay=20ms", "--openwaba.sandbox.read-delay=30ms",
                "--openwaba.sandbox.ack-poll-interval=10ms", "--openwaba.messaging.dispatch-poll-interval=10ms"));
        if (postgresUrl != null) {
            args.addAll(List.of("--spring.datasource.url=" + postgresUrl, "--spring.datasource.username=postgres",
                    "--spring.datasource.password="));
        }
        return new SpringApplicationBuilder(OpenWabaApplication.class, SeenEvents.class)
                .run(args.toArray(String[]::new));
    }

    private static Http http(ConfigurableApplicationContext app) {
        return new Http("http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
    }
}
