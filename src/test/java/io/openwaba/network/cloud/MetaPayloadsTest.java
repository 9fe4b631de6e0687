package io.openwaba.network.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Meta's status webhooks as Meta sends them (recorded shapes in {@code src/test/resources/meta/}: pricing and
 * conversation objects, a status without {@code biz_opaque_callback_data}, Meta's error object, a
 * {@code played} status and one for a message openwaba never relayed), applied by the cloud node to a message
 * that "Meta" took without a status of its own.
 */
class MetaPayloadsTest extends CloudNodeTest {

    /** A message relayed to the stand-in, which answered for Meta itself: no status comes but the fixtures. */
    private record Relayed(Conversation conversation, String wamid, String metaWamid) {
    }

    private Relayed relayedWithoutStatuses() {
        var conversation = conversation();
        var metaWamid = "wamid.HBgLNDkxNzYxMjM0NTY3FQIAERgS" + randomDigits(16);
        standIn.answerNext(conversation.messagesPath(), 200, """
                {"messaging_product":"whatsapp","contacts":[{"input":"%s","wa_id":"%s"}],"messages":[{"id":"%s"}]}"""
                .formatted(conversation.customer(), conversation.customer(), metaWamid), null);
        var wamid = reply(conversation, "Your parcel is on its way.");
        eventually(() -> assertThat(standIn.requestsTo(conversation.messagesPath()))
                .anySatisfy(request -> assertThat(request.status()).isEqualTo(200)));
        return new Relayed(conversation, wamid, metaWamid);
    }

    @Test
    void recordedStatusesReachTheBusinessOnceEachUnderItsOwnWamid() {
        var relayed = relayedWithoutStatuses();
        var webhooks = relayed.conversation().webhooks();

        assertThat(deliverSigned(fixture("statuses-sent-delivered.json", relayed))).isEqualTo(200);
        eventually(() -> assertThat(webhooks.statusesOf(relayed.wamid())).containsExactlyInAnyOrder("sent", "delivered"));
        assertThat(deliverSigned(fixture("statuses-read-without-callback.json", relayed))).isEqualTo(200);
        assertThat(deliverSigned(fixture("statuses-played-and-unknown.json", relayed))).isEqualTo(200);
        assertThat(deliverSigned(fixture("statuses-sent-delivered.json", relayed))).as("Meta redelivers")
                .isEqualTo(200);

        eventually(() -> assertThat(webhooks.statusesOf(relayed.wamid())).containsExactlyInAnyOrder("sent", "delivered", "read"));
        sleep(500);
        assertThat(webhooks.statusesOf(relayed.wamid())).containsExactlyInAnyOrder("sent", "delivered", "read");
        assertThat(webhooks.values("messages").toString()).doesNotContain(relayed.metaWamid());
    }

    @Test
    void aRecordedFailureReachesTheBusinessWithMetasError() {
        var relayed = relayedWithoutStatuses();
        var webhooks = relayed.conversation().webhooks();

        assertThat(deliverSigned(fixture("statuses-failed.json", relayed))).isEqualTo(200);

        eventually(() -> assertThat(webhooks.statusesOf(relayed.wamid())).containsExactly("failed"));
        var failed = webhooks.values("messages").stream()
                .filter(value -> value.at("/statuses/0/id").asString("").equals(relayed.wamid()))
                .findFirst().orElseThrow();
        assertThat(failed.at("/statuses/0/errors/0/code").asInt()).isEqualTo(131049);
        assertThat(failed.at("/statuses/0/errors/0/error_data/details").asString())
                .startsWith("In order to maintain a healthy ecosystem engagement");
    }

    private static byte[] fixture(String name, Relayed relayed) {
        var conversation = relayed.conversation();
        return fixture(name, Map.of("WABA", conversation.meta().wabaId(), "DISPLAY", conversation.meta().numberWaId(),
                "META_NUMBER", conversation.meta().phoneNumberId(), "CUSTOMER", conversation.customer(),
                "META_WAMID", relayed.metaWamid(), "OUR_WAMID", relayed.wamid(),
                "TIME", String.valueOf(Instant.now().getEpochSecond())));
    }
}
