package io.openwaba.network.cloud;

import io.openwaba.messaging.MessageError;
import io.openwaba.messaging.MessageTransport;
import io.openwaba.messaging.OutboundMessage;
import io.openwaba.messaging.ReadReceipt;
import io.openwaba.messaging.TransportResult;
import io.openwaba.network.OnCloud;
import io.openwaba.network.cloud.RelayedMessages.State;
import io.openwaba.shared.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Relays accepted messages to Meta's {@code POST /{meta-phone-number-id}/messages} with each
 * number's token, several requests at once so one slow number does not hold up the others. The business keeps our wamid: it goes to Meta as {@code biz_opaque_callback_data}, which
 * Meta echoes in every status, and Meta's wamid is recorded beside it.
 */
@OnCloud
@Component
class CloudTransport implements MessageTransport {

    private static final Logger log = LoggerFactory.getLogger(CloudTransport.class);
    private final CloudLinks links;
    private final BrokenLinks brokenLinks;
    private final RelayedMessages relayed;
    private final MetaGraph meta;
    private final MetaMessageBody bodies;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final ExecutorService numbers;
    private final Duration brokenLinkPause;
    private final int perNumber;

    CloudTransport(CloudLinks links, BrokenLinks brokenLinks, RelayedMessages relayed, MetaGraph meta, MetaMessageBody bodies, Clock clock,
                   TransactionTemplate tx, CloudSettings settings) {
        this.links = links;
        this.brokenLinks = brokenLinks;
        this.relayed = relayed;
        this.meta = meta;
        this.bodies = bodies;
        this.clock = clock;
        this.tx = tx;
        this.brokenLinkPause = settings.brokenLinkPause();
        this.perNumber = Math.max(1, settings.concurrencyPerNumber());
        this.numbers = DaemonThreads.fixedPool("cloud-relay", settings.concurrency());
    }

    @Override
    public List<TransportResult> send(List<OutboundMessage> messages) {
        var wamids = messages.stream().map(OutboundMessage::wamid).toList();
        var known = relayed.findAll(wamids);
        var results = new ArrayList<TransportResult>();
        var toSend = new ArrayList<OutboundMessage>();
        for (OutboundMessage message : messages) {
            var before = known.get(message.wamid());
            if (before == null || before.state() == State.RETRYING) {
                toSend.add(message);
            } else {
                if (before.state() == State.SENDING) {
                    record(message, null, State.UNCERTAIN, before.attempts());
                    log.warn("message {} was being relayed when a node stopped: recorded as uncertain, not resent",
                            message.wamid());
                }
                results.add(TransportResult.taken(message.wamid()));
            }
        }
        if (toSend.isEmpty()) {
            return results;
        }
        var linked = links.findAll(toSend.stream().map(OutboundMessage::phoneNumberId).distinct().toList())
                .stream().collect(Collectors.toMap(CloudLinks.Link::phoneNumberId, link -> link));
        var attempts = new LinkedHashMap<String, Integer>();
        toSend.forEach(m -> attempts.put(m.wamid(), known.containsKey(m.wamid()) ? known.get(m.wamid()).attempts() + 1 : 1));
        var futures = new ArrayList<Future<List<TransportResult>>>();
        for (var lane : toSend.stream().collect(Collectors.groupingBy(this::lane, LinkedHashMap::new,
                Collectors.toList())).values()) {
            var link = linked.get(lane.get(0).phoneNumberId());
            futures.add(numbers.submit(() -> relay(link, lane, attempts)));
        }
        for (var future : futures) {
            try {
                results.addAll(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while relaying to Meta", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("relaying to Meta failed", e.getCause());
            }
        }
        return results;
    }

    /** Messages to one customer go one after the other, in order; a number has a few such lanes side by side. */
    private String lane(OutboundMessage message) {
        return message.phoneNumberId() + "/" + Math.floorMod(message.waId().hashCode(), perNumber);
    }

    private List<TransportResult> relay(CloudLinks.Link link, List<OutboundMessage> messages, Map<String, Integer> attempts) {
        var results = new ArrayList<TransportResult>();
        for (OutboundMessage message : messages) {
            if (link == null) {
                results.add(TransportResult.refused(message.wamid(), new MessageError(131000, "Something went wrong",
                        "The business number is not linked to a phone number on Meta's Cloud API.")));
            } else if (link.broken()) {
                results.add(TransportResult.later(message.wamid(), brokenLinkPause));
            } else {
                results.add(relayOne(link, message, attempts.get(message.wamid())));
            }
        }
        return results;
    }

    /**
     * Each message is marked SENDING in its own commit before its request goes out: one found so
     * after a crash was in flight, may have reached Meta, and is never sent again.
     */
    private TransportResult relayOne(CloudLinks.Link link, OutboundMessage message, int attempt) {
        if (!Boolean.TRUE.equals(tx.execute(status -> relayed.claimSending(message.wamid(), message.phoneNumberId(),
                attempt, clock.instant())))) {
            return TransportResult.taken(message.wamid());
        }
        MetaGraph.Answer answer;
        try {
            answer = meta.post(link.metaPhoneNumberId() + "/messages", link.token(), bodies.of(message));
        } catch (MetaGraph.NotSent notSent) {
            record(message, null, State.RETRYING, attempt);
            return TransportResult.later(message.wamid(), MetaErrorRule.backoff(attempt, java.util.Optional.empty()));
        } catch (MetaGraph.Unanswered unanswered) {
            record(message, null, State.UNCERTAIN, attempt);
            log.warn("Meta did not answer for message {} ({}): recorded as uncertain, not resent", message.wamid(),
                    unanswered.getMessage());
            return TransportResult.taken(message.wamid());
        }
        if (answer.ok()) {
            record(message, answer.body().path("messages").path(0).path("id").asString(null), State.RELAYED, attempt);
            return TransportResult.taken(message.wamid());
        }
        var error = answer.body().path("error");
        Integer code = error.path("code").isNumber() ? error.path("code").asInt() : null;
        switch (MetaErrorRule.classify(answer.status(), code)) {
            case RETRY -> {
                record(message, null, State.RETRYING, attempt);
                return TransportResult.later(message.wamid(), MetaErrorRule.backoff(attempt, answer.retryAfter()));
            }
            case DELAY_RECIPIENT -> {
                record(message, null, State.RETRYING, attempt);
                return TransportResult.later(message.wamid(), answer.retryAfter().orElse(MetaErrorRule.PAIR_RATE_DELAY));
            }
            case BROKEN_LINK -> {
                record(message, null, State.RETRYING, attempt - 1);
                brokenLinks.report(link.phoneNumberId(),
                        "Meta refused the access token: " + error.path("message").asString(""));
                return TransportResult.later(message.wamid(), brokenLinkPause);
            }
            default -> {
                record(message, null, State.RELAYED, attempt);
                return TransportResult.refused(message.wamid(), metaError(code, error));
            }
        }
    }

    private void record(OutboundMessage message, String metaWamid, State state, int attempts) {
        tx.executeWithoutResult(status -> relayed.record(message.wamid(), message.phoneNumberId(), metaWamid, state,
                attempts, clock.instant()));
    }

    private static MessageError metaError(Integer code, JsonNode error) {
        var details = error.path("error_data").path("details").asString(error.path("message").asString(""));
        var title = error.path("error_user_title").asString(
                error.path("message").asString("Meta refused the message").replaceFirst("^\\(#\\d+\\) ", ""));
        return new MessageError(code == null ? 131000 : code, title, details);
    }

    /** Read receipts for customers' messages go to Meta as they are; their wamids are Meta's own. */
    @Override
    public void markRead(ReadReceipt receipt) {
        var link = links.find(receipt.phoneNumberId());
        if (link.isEmpty() || link.get().broken() || receipt.wamids().isEmpty()) {
            return;
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("messaging_product", "whatsapp");
        body.put("status", "read");
        body.put("message_id", receipt.wamids().get(receipt.wamids().size() - 1));
        if (receipt.typing()) {
            body.put("typing_indicator", Map.of("type", "text"));
        }
        try {
            meta.post(link.get().metaPhoneNumberId() + "/messages", link.get().token(), body);
        } catch (MetaGraph.NotSent | MetaGraph.Unanswered lost) {
            log.info("a read receipt for number {} did not reach Meta: {}", receipt.phoneNumberId(), lost.getMessage());
        }
    }
}
