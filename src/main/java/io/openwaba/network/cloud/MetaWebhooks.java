package io.openwaba.network.cloud;

import io.openwaba.messaging.InboundMessage;
import io.openwaba.messaging.InboundMessages;
import io.openwaba.messaging.MessageError;
import io.openwaba.messaging.StatusReport;
import io.openwaba.messaging.StatusReports;
import io.openwaba.network.OnCloud;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies Meta's webhooks: {@code messages} (statuses of relayed messages become status reports
 * on our wamids, customers' messages inbound messages of the linked number); every other field
 * goes to its {@link MetaChange}, and a field none takes is ignored.
 */
@OnCloud
@Service
class MetaWebhooks {

    private static final Logger log = LoggerFactory.getLogger(MetaWebhooks.class);
    private static final Set<String> STATUSES = Set.of("sent", "delivered", "read", "failed");

    /** A signed body that is not Meta's webhook shape. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    private final CloudLinks links;
    private final RelayedMessages relayed;
    private final StatusReports statusReports;
    private final InboundMessages inbound;
    private final Clock clock;
    private final Map<String, MetaChange> changes;
    private final JsonMapper json = JsonMapper.builder().build();

    MetaWebhooks(CloudLinks links, RelayedMessages relayed, StatusReports statusReports, InboundMessages inbound,
                 Clock clock, List<MetaChange> changes) {
        this.clock = clock;
        this.changes = changes.stream().collect(Collectors.toMap(MetaChange::field, change -> change));
        this.links = links;
        this.relayed = relayed;
        this.statusReports = statusReports;
        this.inbound = inbound;
    }

    /** Refuses a body that is not Meta's webhook shape, before it is kept. */
    void check(byte[] body) throws Unreadable {
        read(body);
    }

    private JsonNode read(byte[] body) throws Unreadable {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new Unreadable("the body is not JSON");
        }
        if (root == null || !root.path("entry").isArray()) {
            throw new Unreadable("the body has no entry list");
        }
        return root;
    }

    @Transactional
    public void apply(byte[] body) throws Unreadable {
        var root = read(body);
        var reports = new ArrayList<StatusReport>();
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                var field = change.path("field").asString("");
                if ("messages".equals(field)) {
                    applyMessages(change.path("value"), reports);
                } else if (changes.containsKey(field)) {
                    changes.get(field).apply(entry.path("id").asString(""), change.path("value"), time(entry));
                }
            }
        }
        if (!reports.isEmpty()) {
            statusReports.report(reports);
        }
    }

    private void applyMessages(JsonNode value, List<StatusReport> reports) {
        var metaNumber = value.path("metadata").path("phone_number_id").asString("");
        var number = links.numberOfMeta(metaNumber);
        if (number.isEmpty()) {
            log.info("a webhook from Meta names phone number {}, which no openwaba number is linked to", metaNumber);
            return;
        }
        for (JsonNode status : value.path("statuses")) {
            statusReport(status).ifPresent(reports::add);
        }
        var profileName = value.path("contacts").path(0).path("profile").path("name").asString("");
        for (JsonNode message : value.path("messages")) {
            var type = message.path("type").asString("");
            var wamid = message.path("id").asString("");
            if (type.isEmpty() || wamid.isEmpty()) {
                continue;
            }
            var context = message.path("context").path("id").asString(null);
            var contextWamid = context == null ? null : relayed.ourWamid(context).orElse(context);
            inbound.receive(new InboundMessage(wamid, number.get(), message.path("from").asString(""), profileName,
                    type, json.convertValue(message.path(type), Object.class), contextWamid, at(message)));
        }
    }

    private Optional<StatusReport> statusReport(JsonNode status) {
        var metaWamid = status.path("id").asString("");
        var state = status.path("status").asString("");
        if (!STATUSES.contains(state)) {
            return Optional.empty();
        }
        var callback = status.path("biz_opaque_callback_data").asString(null);
        var ours = callback != null && !relayed.findAll(List.of(callback)).isEmpty()
                ? Optional.of(callback) : relayed.ourWamid(metaWamid);
        if (ours.isEmpty()) {
            log.info("Meta reported {} for message {}, which openwaba did not relay", state, metaWamid);
            return Optional.empty();
        }
        relayed.settle(ours.get(), metaWamid);
        MessageError error = null;
        var first = status.path("errors").path(0);
        if (!first.isMissingNode()) {
            error = new MessageError(first.path("code").asInt(131000), first.path("title").asString(""),
                    first.path("error_data").path("details").asString(first.path("message").asString("")));
        }
        return Optional.of(new StatusReport(ours.get(), state, at(status), error));
    }

    /** When Meta's account webhooks happened: the entry's {@code time}, or now when it gives none. */
    private Instant time(JsonNode entry) {
        var time = entry.path("time");
        return time.isNumber() ? Instant.ofEpochSecond(time.asLong()) : clock.instant();
    }

    /** Meta's time of the event, or now when it gives none that can be read. */
    private Instant at(JsonNode node) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(node.path("timestamp").asString("")));
        } catch (NumberFormatException e) {
            return clock.instant();
        }
    }
}
