package io.openwaba.numbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.openwaba.support.AppProcess;
import io.openwaba.support.Http;
import io.openwaba.support.PlatformTest;
import io.openwaba.support.TestDatabase;
import io.openwaba.support.TestTemplates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The messaging limit stays exact under concurrent sends: 8 threads send templates to twice the
 * tier's worth of distinct customers and exactly the limit is accepted. On PostgreSQL the same
 * holds with a second application instance sharing the database.
 */
class MessagingLimitConcurrencyTest extends PlatformTest {

    @Test
    void eightThreadsNeverGetMoreThanTheLimitAccepted() throws Exception {
        var tenant = limitedTenant();
        var outcome = race(tenant, List.of(http), "4915220");
        assertThat(outcome.get(200)).isEqualTo(50);
        assertThat(outcome.get(131048)).isEqualTo(50);
        var view = http.get("/api/phone-numbers/" + tenant.phoneNumberId() + "/health", tenant.token()).json();
        assertThat(view.get("customers_reached_24h").asInt()).isEqualTo(50);
    }

    @Test
    void customersReachedAgainAfterTheWindowCountOnceEvenWhenSentToConcurrently() throws Exception {
        var tenant = limitedTenant();
        var customers = java.util.stream.IntStream.range(0, 10).mapToObj(i -> "4915222" + String.format("%05d", i))
                .toList();
        customers.forEach(waId -> assertThat(TestTemplates.send(http, tenant.phoneNumberId(), tenant.token(),
                "race_notice", waId).status()).isEqualTo(200));
        advanceClock(Duration.ofHours(25));
        var accepted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            var futures = new ArrayList<Future<?>>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> customers.forEach(waId -> {
                    if (TestTemplates.send(http, tenant.phoneNumberId(), tenant.token(), "race_notice", waId)
                            .status() == 200) {
                        accepted.incrementAndGet();
                    }
                })));
            }
            for (var future : futures) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(accepted.get()).isEqualTo(80);
        var view = http.get("/api/phone-numbers/" + tenant.phoneNumberId() + "/health", tenant.token()).json();
        assertThat(view.get("customers_reached_24h").asInt()).isEqualTo(10);
        var raise = sendFifty(tenant, "4915223");
        assertThat(raise).as("40 more fit under TIER_50 when the 10 count once").isEqualTo(40);
    }

    /** Sends to 50 new customers one after the other; how many were accepted. */
    private int sendFifty(Tenant tenant, String prefix) {
        int accepted = 0;
        for (int i = 0; i < 50; i++) {
            if (TestTemplates.send(http, tenant.phoneNumberId(), tenant.token(), "race_notice",
                    prefix + String.format("%05d", i)).status() == 200) {
                accepted++;
            }
        }
        return accepted;
    }

    @Test
    void twoInstancesOnOnePostgresNeverGetMoreThanTheLimitAccepted() throws Exception {
        assumeTrue(TestDatabase.isPostgres(), "two instances share a database only on PostgreSQL");
        var tenant = limitedTenant();
        try (var second = AppProcess.start(List.of("--spring.datasource.url=" + TestDatabase.url(),
                "--spring.datasource.username=postgres", "--spring.datasource.password="))) {
            var secondNode = second.http();
            var outcome = race(tenant, List.of(http, secondNode), "4915221");
            assertThat(outcome.get(200)).isEqualTo(50);
            assertThat(outcome.get(131048)).isEqualTo(50);
        }
    }

    /** An unverified tenant (TIER_50) whose throughput is not the bottleneck. */
    private Tenant limitedTenant() {
        var tenant = onboardUnverified();
        TestTemplates.approved(http, tenant.wabaId(), tenant.token(), "race_notice");
        assertThat(http.put("/api/phone-numbers/" + tenant.phoneNumberId() + "/throughput", ADMIN_TOKEN,
                Map.of("messages_per_second", 1000)).status()).isEqualTo(200);
        return tenant;
    }

    /** 8 threads send to 100 distinct customers over the given nodes; counts answers by HTTP 200 or error code. */
    private static Map<Integer, Integer> race(Tenant tenant, List<Http> nodes, String prefix) throws Exception {
        var outcome = new ConcurrentHashMap<Integer, Integer>();
        var next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            var futures = new ArrayList<Future<?>>();
            for (int t = 0; t < 8; t++) {
                var node = nodes.get(t % nodes.size());
                futures.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < 100) {
                        var response = TestTemplates.send(node, tenant.phoneNumberId(), tenant.token(),
                                "race_notice", prefix + String.format("%05d", i));
                        outcome.merge(response.status() == 200 ? 200 : response.errorCode(), 1, Integer::sum);
                    }
                }));
            }
            for (var future : futures) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return outcome;
    }
}
