package io.openwaba.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.notices.Notices;
import io.openwaba.support.PlatformTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The sandbox's mail outbox page shows each business's notices, as text. */
class SandboxOutboxTest extends PlatformTest {

    @Autowired
    Notices notices;

    @Autowired
    TransactionTemplate tx;

    @Test
    void theOutboxShowsTheLatestNoticesAsText() {
        var tenant = onboard("ops-" + randomDigits(4) + "@shop.example");
        var subject = "Template <b>rejected</b> " + randomDigits(6);
        tx.executeWithoutResult(status -> notices.email(tenant.businessId(), subject,
                "Your template was rejected.\n<script>alert(1)</script>"));

        var page = http.get("/sandbox/outbox", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(subject.replace("<", "&lt;").replace(">", "&gt;"))
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert");
        assertThat(page.body()).contains("To ops-");
    }
}
