package io.openwaba.network.cloud;

import io.openwaba.network.OnCloud;
import io.openwaba.shared.BackgroundWork;
import io.openwaba.shared.GroupCommit;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies Meta's stored webhook deliveries after Meta got its 200. A delivery that fails is
 * retried alone with growing pauses, so it holds up none of the others, and is kept as FAILED
 * after {@value #MAX_ATTEMPTS} attempts.
 */
@OnCloud
@Component
class MetaInbox extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(MetaInbox.class);
    static final int MAX_ATTEMPTS = 10;
    private static final int BATCH = 50;

    private final MetaInboxRows rows;
    private final MetaWebhooks webhooks;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final GroupCommit<String, Boolean> keeper = new GroupCommit<>("meta-inbox-keeper", 200, this::insertAll);

    MetaInbox(MetaInboxRows rows, MetaWebhooks webhooks, TransactionTemplate tx, Clock clock, CloudSettings settings) {
        super("meta-inbox", settings.inboxThreads(), settings.inboxPollInterval());
        this.rows = rows;
        this.webhooks = webhooks;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Keeps a verified delivery for the inbox threads; runs before Meta gets its 200, and returns once
     * the delivery is committed (with the others that arrived meanwhile: Meta posts each status alone).
     */
    void keep(byte[] body) {
        keeper.submit(new String(body, StandardCharsets.UTF_8)).done().join();
        wake();
    }

    private List<Boolean> insertAll(List<String> bodies) {
        var now = clock.instant();
        tx.executeWithoutResult(status -> bodies.forEach(body -> rows.insert(body, now)));
        return Collections.nCopies(bodies.size(), Boolean.TRUE);
    }

    @PreDestroy
    void close() {
        keeper.close();
    }

    /**
     * A batch in one transaction, its statuses reported together; when one of its deliveries fails,
     * each of them on its own. Two statuses of one message may share a commit, and the business's
     * webhooks for them then go out together, in no fixed order, as webhooks do anyway.
     */
    @Override
    protected int step() {
        try {
            return tx.execute(status -> {
                var due = rows.claim(BATCH, clock.instant());
                applyStored(due);
                if (!due.isEmpty()) {
                    rows.delete(due.stream().map(MetaInboxRows.Delivery::id).toList());
                }
                return due.size();
            });
        } catch (RuntimeException failed) {
            var due = tx.execute(status -> rows.claim(BATCH, clock.instant()));
            due.forEach(delivery -> apply(delivery.id()));
            return due.size();
        }
    }

    private void applyStored(List<MetaInboxRows.Delivery> deliveries) {
        try {
            webhooks.apply(deliveries.stream().map(delivery -> delivery.body().getBytes(StandardCharsets.UTF_8)).toList());
        } catch (MetaWebhooks.Unreadable unreadable) {
            throw new IllegalStateException("a stored delivery could not be read: " + unreadable.getMessage());
        }
    }

    /** Applies the delivery unless another thread holds it; a failure is recorded for a later attempt. */
    private void apply(long id) {
        try {
            tx.executeWithoutResult(status -> rows.lock(id).ifPresent(delivery -> {
                applyStored(List.of(delivery));
                rows.delete(List.of(id));
            }));
        } catch (RuntimeException failed) {
            tx.executeWithoutResult(status -> rows.lock(id).ifPresent(delivery -> {
                int attempts = delivery.attempts() + 1;
                boolean last = attempts >= MAX_ATTEMPTS;
                var retryAt = clock.instant().plus(Duration.ofSeconds(Math.min(3600, 1L << Math.min(attempts, 12))));
                rows.failed(id, attempts, last, String.valueOf(failed), retryAt);
                if (last) {
                    log.error("a webhook delivery from Meta (inbox row {}) failed {} times and is kept as FAILED",
                            id, attempts, failed);
                } else {
                    log.warn("a webhook delivery from Meta (inbox row {}) failed, attempt {}: {}", id, attempts,
                            failed.toString());
                }
            }));
        }
    }
}
