package io.openwaba.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openwaba.support.PlatformTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The claim every work queue uses, on H2 and PostgreSQL, against a queue table of its own. */
class WorkQueueTest extends PlatformTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;

    private WorkQueue<String> queue;

    @BeforeEach
    void fiveDueRows() {
        jdbc.sql("""
                CREATE TABLE IF NOT EXISTS shared_test_queue (id VARCHAR(40) PRIMARY KEY, due_at TIMESTAMP WITH TIME ZONE,
                    lease_until TIMESTAMP WITH TIME ZONE, claimed_by VARCHAR(100))""").update();
        jdbc.sql("DELETE FROM shared_test_queue").update();
        for (int i = 0; i < 5; i++) {
            jdbc.sql("INSERT INTO shared_test_queue (id, due_at) VALUES (:id, :due)").param("id", "row-" + i)
                    .param("due", SqlTime.utc(NOW.minusSeconds(i))).update();
        }
        jdbc.sql("INSERT INTO shared_test_queue (id, due_at) VALUES ('later', :due)")
                .param("due", SqlTime.utc(NOW.plusSeconds(60))).update();
        queue = WorkQueue.of(jdbc, "shared_test_queue", "id", "due_at <= :now", (rs, row) -> rs.getString("id"));
    }

    @Test
    void aClaimTakesDueRowsOnlyUpToTheBatch() {
        assertThat(inTransaction(() -> queue.claim(3, due()))).hasSize(3).doesNotContain("later");
        assertThat(inTransaction(() -> queue.claim(100, due()))).hasSize(5).doesNotContain("later");
    }

    @Test
    void rowsLockedByAnotherTransactionAreSkipped() throws Exception {
        var held = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var first = CompletableFuture.supplyAsync(() -> tx.execute(status -> {
            var claimed = queue.claim(3, due());
            held.countDown();
            await(release);
            return claimed;
        }));
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

        var second = inTransaction(() -> queue.claim(100, due()));
        release.countDown();

        assertThat(second).hasSize(2).doesNotContainAnyElementsOf(first.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aLeaseKeepsRowsAfterTheCommitUntilItExpires() {
        var leased = queue.leased("id", id -> id);
        var wall = Instant.now();

        var claimed = inTransaction(() -> leased.claim(3, due(), new WorkQueue.Lease(wall, wall.plusSeconds(60), "a")));

        assertThat(claimed).hasSize(3);
        assertThat(jdbc.sql("SELECT id FROM shared_test_queue WHERE claimed_by = 'a'").query(String.class).list())
                .containsExactlyInAnyOrderElementsOf(claimed);
        assertThat(inTransaction(() -> leased.claim(100, due(), new WorkQueue.Lease(wall, wall.plusSeconds(60), "b"))))
                .hasSize(2).doesNotContainAnyElementsOf(claimed);
        var afterLease = wall.plus(Duration.ofSeconds(61));
        assertThat(inTransaction(() -> leased.claim(100, due(), new WorkQueue.Lease(afterLease, afterLease, "c"))))
                .hasSize(5);
    }

    @Test
    void aClaimOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> queue.claim(3, due())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside a transaction");
    }

    private List<String> inTransaction(Supplier<List<String>> claim) {
        return tx.execute(status -> claim.get());
    }

    private static Map<String, Object> due() {
        return Map.of("now", SqlTime.utc(NOW));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
