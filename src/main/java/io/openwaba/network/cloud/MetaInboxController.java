package io.openwaba.network.cloud;

import io.openwaba.network.OnCloud;
import io.openwaba.shared.ApiProblem;
import io.openwaba.shared.Caller;
import io.openwaba.shared.ManagementApi;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/cloud/inbox}: Meta's webhook deliveries not applied yet, and those given up on (BSP admin). */
@OnCloud
@ManagementApi
@RestController
class MetaInboxController {

    record InboxView(long pending, long failed) {
    }

    private final MetaInboxRows rows;

    MetaInboxController(MetaInboxRows rows) {
        this.rows = rows;
    }

    @GetMapping("/api/cloud/inbox")
    InboxView show(Caller caller) {
        if (!caller.isAdmin()) {
            throw ApiProblem.forbidden("the inbox of Meta's webhooks is shown to the BSP admin only");
        }
        return new InboxView(rows.count("PENDING"), rows.count("FAILED"));
    }
}
