package io.openwaba.network.cloud;

import io.openwaba.messaging.MessageError;
import io.openwaba.messaging.StatusReport;
import io.openwaba.messaging.StatusReports;
import io.openwaba.network.OnCloud;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * on our wamids, customers' messages go to {@link MetaInboundMessages} for the linked number);
 * every other field goes to its {@link MetaChange}, and a field none takes is ignored.
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
    private final MetaInboundMessages customers;
    private final Clock clock;
    private final Map<String, MetaChange> changes;
    private final JsonMapper json = JsonMapper.builder().build();

    MetaWebhooks(CloudLinks links, RelayedMessages relayed, StatusReports statusReports,
                 MetaInboundMessages customers, Clock clock, List<MetaChange> changes) {
        this.clock = clock;
        this.changes = changes.stream().collect(Collectors.toMap(MetaChange::field, change -> change));
        this.links = links;
        this.relayed = relayed;
        this.statusReports = statusReports;
        this.customers = customers;
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

    /**
     * Applies deliveries in one transaction, in their order; the statuses among them are looked
     * up and reported together, since Meta posts each status alone.
     */
    @Transactional
    public void apply(List<byte[]> bodies) throws Unreadable {
        var statuses = new ArrayList<MetaStatus>();
        var numbers = new HashMap<String, Optional<String>>();
        for (byte[] body : bodies) {
            for (JsonNode entry : read(body).path("entry")) {
                for (JsonNode change : entry.path("changes")) {
                    var field = change.path("field").asString("");
                    if ("messages".equals(field)) {
                        applyMessages(change.path("value"), numbers, statuses);
                    } else if (changes.containsKey(field)) {
                        changes.get(field).apply(entry.path("id").asString(""), change.path("value"), time(entry));
                    }
                }
            }
        }
        var reports = statusReports(statuses);
        if (!reports.isEmpty()) {
            statusReports.report(reports);
        }
    }

    /** A status as Meta reported it, before it is matched with the message openwaba relayed. */
    private record MetaStatus(String metaWamid, String state, String callback, Instant at, MessageError error) {
    }

    private void applyMessages(JsonNode value, Map<String, Optional<String>> numbers, List<MetaStatus> statuses) {
        var metaNumber = value.path("metadata").path("phone_number_id").asString("");
        var number = numbers.computeIfAbsent(metaNumber, links::numberOfMeta);
        if (number.isEmpty()) {
            log.info("a webhook from Meta names phone number {}, which no openwaba number is linked to", metaNumber);
            return;
        }
        for (JsonNode status : value.path("statuses")) {
            metaStatus(status).ifPresent(statuses::add);
        }
        var profileName = value.path("contacts").path(0).path("profile").path("name").asString("");
        for (JsonNode message : value.path("messages")) {
            if (!message.path("type").asString("").isEmpty() && !message.path("id").asString("").isEmpty()) {
                customers.received(number.get(), message, profileName);
            }
        }
    }

    private Optional<MetaStatus> metaStatus(JsonNode status) {
        var state = status.path("status").asString("");
        if (!STATUSES.contains(state)) {
            return Optional.empty();
        }
        MessageError error = null;
        var first = status.path("errors").path(0);
        if (!first.isMissingNode()) {
            error = new MessageError(first.path("code").asInt(131000), first.path("title").asString(""),
                    first.path("error_data").path("details").asString(first.path("message").asString("")));
        }
        return Optional.of(new MetaStatus(status.path("id").asString(""), state,
                status.path("biz_opaque_callback_data").asString(null), at(status), error));
    }

    /**
     * Our message for each status: the one its callback data names (openwaba sends its wamid
     * there), else the one Meta's wamid was recorded for. A message Meta reports on is settled.
     */
    private List<StatusReport> statusReports(List<MetaStatus> statuses) {
        if (statuses.isEmpty()) {
            return List.of();
        }
        var byOurs = relayed.findAll(statuses.stream().map(MetaStatus::callback).filter(Objects::nonNull)
                .collect(Collectors.toSet()));
        var byMeta = relayed.findAllByMeta(statuses.stream()
                .filter(status -> status.callback() == null || !byOurs.containsKey(status.callback()))
                .map(MetaStatus::metaWamid).collect(Collectors.toSet()));
        var reports = new ArrayList<StatusReport>();
        var settled = new HashMap<String, String>();
        for (MetaStatus status : statuses) {
            var ours = status.callback() != null && byOurs.containsKey(status.callback())
                    ? byOurs.get(status.callback()) : byMeta.get(status.metaWamid());
            if (ours == null) {
                log.info("Meta reported {} for message {}, which openwaba did not relay", status.state(),
                        status.metaWamid());
                continue;
            }
            if (ours.state() != RelayedMessages.State.RELAYED || ours.metaWamid() == null) {
                settled.put(ours.wamid(), status.metaWamid());
            }
            reports.add(new StatusReport(ours.wamid(), status.state(), status.at(), status.error()));
        }
        settled.forEach(relayed::settle);
        return reports;
    }

    private Instant at(JsonNode node) {
        return at(node, clock);
    }

    /** When Meta's account webhooks happened: the entry's {@code time}, or now when it gives none. */
    private Instant time(JsonNode entry) {
        var time = entry.path("time");
        return time.isNumber() ? Instant.ofEpochSecond(time.asLong()) : clock.instant();
    }

    /** Meta's time of the event, or now when it gives none that can be read. */
    static Instant at(JsonNode node, Clock clock) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(node.path("timestamp").asString("")));
        } catch (NumberFormatException e) {
            return clock.instant();
        }
    }
}
