package io.openwaba.webhooks;

import io.openwaba.network.AccountUpdateReceived;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** What Meta told a WABA that openwaba passes on unchanged (cloud mode), in the publishing transaction. */
@Component
class AccountUpdateWebhookListener {

    private final WebhookEvents webhooks;

    AccountUpdateWebhookListener(WebhookEvents webhooks) {
        this.webhooks = webhooks;
    }

    @EventListener
    void on(AccountUpdateReceived update) {
        webhooks.enqueue(List.of(new WebhookEvent(update.wabaId(), update.field(), update.value())));
    }
}
