package io.openwaba.network.cloud;

import io.openwaba.messaging.MessageError;
import io.openwaba.messaging.MessageTransport;
import io.openwaba.messaging.OutboundMessage;
import io.openwaba.messaging.ReadReceipt;
import io.openwaba.messaging.TransportResult;
import io.openwaba.network.OnCloud;
import io.openwaba.network.cloud.RelayedMessages.State;
import io.openwaba.shared.DaemonThreads;
import io.openwaba.shared.GroupCommit;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Relays accepted messages to Meta's {@code POST /{meta-phone-number-id}/messages} with each
 * number's token: {@code concurrency} requests at once, at most {@code concurrency-per-number} of
 * one number, so one slow number does not hold up the others, and the messages to one customer one
 * after the other. The dispatcher gets the batch's answer when the last of them is answered and
 * meanwhile hands over more. The business keeps our wamid: it goes to Meta as
 * {@code biz_opaque_callback_data}, which Meta echoes in every status, and Meta's wamid is recorded
 * beside it.
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
    private final RelayLanes lanes;
    private final Duration brokenLinkPause;
    private final int perNumber;
    /** Messages handed over whose request has not been answered yet: handed over again, they are not queued twice. */
    private final Map<String, CompletableFuture<TransportResult>> relaying = new ConcurrentHashMap<>();
    /**
     * When the link Meta last refused a token of was made, per number: the messages queued with that
     * link wait instead of asking Meta again; a new link (a new PUT) is tried.
     */
    private final Map<String, Instant> refusedLinks = new ConcurrentHashMap<>();
    private final GroupCommit<Claim, Boolean> claims = new GroupCommit<>("cloud-relay-claims", 200, this::claimAll);
    private final GroupCommit<Outcome, Boolean> outcomes = new GroupCommit<>("cloud-relay-outcomes", 200, this::recordAll);

    private record Claim(String wamid, String phoneNumberId, int attempt, Instant at) {
    }

    private record Outcome(String wamid, String phoneNumberId, String metaWamid, State state, int attempts, Instant at) {
    }

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
        this.lanes = new RelayLanes(DaemonThreads.fixedPool("cloud-relay", settings.concurrency()));
    }

    @Override
    public CompletableFuture<List<TransportResult>> send(List<OutboundMessage> messages) {
        var wamids = messages.stream().map(OutboundMessage::wamid).toList();
        var known = relayed.findAll(wamids);
        var answers = new ArrayList<CompletableFuture<TransportResult>>();
        var toSend = new ArrayList<OutboundMessage>();
        for (OutboundMessage message : messages) {
            var before = known.get(message.wamid());
            var inFlight = relaying.get(message.wamid());
            if (inFlight != null) {
                answers.add(inFlight);
            } else if (before == null || before.state() == State.RETRYING) {
                toSend.add(message);
            } else {
                if (before.state() == State.SENDING) {
                    tx.executeWithoutResult(status -> relayed.record(message.wamid(), message.phoneNumberId(), null,
                            State.UNCERTAIN, before.attempts(), clock.instant()));
                    log.warn("message {} was being relayed when a node stopped: recorded as uncertain, not resent",
                            message.wamid());
                }
                answers.add(CompletableFuture.completedFuture(TransportResult.taken(message.wamid())));
            }
        }
        var linked = links.findAll(toSend.stream().map(OutboundMessage::phoneNumberId).distinct().toList())
                .stream().collect(Collectors.toMap(CloudLinks.Link::phoneNumberId, link -> link));
        for (OutboundMessage message : toSend) {
            var before = known.get(message.wamid());
            int attempt = before == null ? 1 : before.attempts() + 1;
            var link = linked.get(message.phoneNumberId());
            var answer = lanes.run(lane(message), () -> relay(link, message, attempt));
            relaying.put(message.wamid(), answer);
            answer.whenComplete((result, failure) -> relaying.remove(message.wamid(), answer));
            answers.add(answer);
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(all -> answers.stream().map(CompletableFuture::join).toList());
    }

    /** Messages to one customer go one after the other, in order; a number has a few such lanes side by side. */
    private String lane(OutboundMessage message) {
        return lane(message.phoneNumberId(), message.waId());
    }

    private String lane(String phoneNumberId, String waId) {
        return phoneNumberId + "/" + Math.floorMod(waId.hashCode(), perNumber);
    }

    private TransportResult relay(CloudLinks.Link link, OutboundMessage message, int attempt) {
        if (link == null) {
            return TransportResult.refused(message.wamid(), new MessageError(131000, "Something went wrong",
                    "The business number is not linked to a phone number on Meta's Cloud API."));
        }
        if (link.broken() || link.linkedAt().equals(refusedLinks.get(link.phoneNumberId()))) {
            return TransportResult.later(message.wamid(), brokenLinkPause);
        }
        return relayOne(link, message, attempt);
    }

    /**
     * Each message is marked SENDING, and committed (with others claimed at the same moment), before
     * its request goes out: one found so after a crash was in flight, may have reached Meta, and is
     * never sent again.
     */
    private TransportResult relayOne(CloudLinks.Link link, OutboundMessage message, int attempt) {
        tools.jackson.databind.node.ObjectNode body;
        try {
            body = bodies.of(link, message);
        } catch (MetaMedia.NotCopied notCopied) {
            if (notCopied.retry()) {
                return TransportResult.later(message.wamid(), MetaErrorRule.backoff(attempt, Optional.empty()));
            }
            return TransportResult.refused(message.wamid(), notCopied.error());
        }
        if (!claims.submit(new Claim(message.wamid(), message.phoneNumberId(), attempt, clock.instant())).done().join()) {
            return TransportResult.taken(message.wamid());
        }
        MetaGraph.Answer answer;
        try {
            answer = meta.post(link.metaPhoneNumberId() + "/messages", link.token(), body);
        } catch (MetaGraph.NotSent notSent) {
            record(message, null, State.RETRYING, attempt);
            return TransportResult.later(message.wamid(), MetaErrorRule.backoff(attempt, Optional.empty()));
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
                refusedLinks.put(link.phoneNumberId(), link.linkedAt());
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

    /** Waits for the commit: a message asked for again must be RETRYING, not SENDING, when it is handed over again. */
    private void record(OutboundMessage message, String metaWamid, State state, int attempts) {
        outcomes.submit(new Outcome(message.wamid(), message.phoneNumberId(), metaWamid, state, attempts,
                clock.instant())).done().join();
    }

    private List<Boolean> claimAll(List<Claim> batch) {
        return tx.execute(status -> batch.stream()
                .map(c -> relayed.claimSending(c.wamid(), c.phoneNumberId(), c.attempt(), c.at())).toList());
    }

    private List<Boolean> recordAll(List<Outcome> batch) {
        tx.executeWithoutResult(status -> batch.forEach(o -> relayed.record(o.wamid(), o.phoneNumberId(),
                o.metaWamid(), o.state(), o.attempts(), o.at())));
        return Collections.nCopies(batch.size(), Boolean.TRUE);
    }

    @PreDestroy
    void close() {
        lanes.close();
        claims.close();
        outcomes.close();
    }

    private static MessageError metaError(Integer code, JsonNode error) {
        var details = error.path("error_data").path("details").asString(error.path("message").asString(""));
        var title = error.path("error_user_title").asString(
                error.path("message").asString("Meta refused the message").replaceFirst("^\\(#\\d+\\) ", ""));
        return new MessageError(code == null ? 131000 : code, title, details);
    }

    /**
     * Read receipts for customers' messages go to Meta as they are (their wamids are Meta's own),
     * once the caller's transaction has committed and in the customer's lane, so the business's
     * request does not wait for Meta.
     */
    @Override
    public void markRead(ReadReceipt receipt) {
        if (receipt.wamids().isEmpty()) {
            return;
        }
        Runnable send = () -> lanes.run(lane(receipt.phoneNumberId(), receipt.waId()), () -> {
            sendReadReceipt(receipt);
            return null;
        });
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    send.run();
                }
            });
        } else {
            send.run();
        }
    }

    private void sendReadReceipt(ReadReceipt receipt) {
        var link = links.find(receipt.phoneNumberId());
        if (link.isEmpty() || link.get().broken()) {
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
