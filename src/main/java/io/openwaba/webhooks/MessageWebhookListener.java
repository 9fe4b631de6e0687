package io.openwaba.webhooks;

import io.openwaba.messaging.MessageReceived;
import io.openwaba.messaging.MessageStatusChanged;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns messaging's events into the {@code messages} webhook. It listens in the transaction that
 * publishes them, so the webhook event is committed with the change it reports (the queue is the
 * outbox) and a batch of statuses becomes one batch of webhook rows.
 */
@Component
class MessageWebhookListener {

    private final WebhookEvents webhooks;

    MessageWebhookListener(WebhookEvents webhooks) {
        this.webhooks = webhooks;
    }

    @EventListener
    void on(MessageReceived message) {
        webhooks.enqueue(List.of(new WebhookEvent(message.wabaId(), "messages", MessageWebhooks.inbound(message))));
    }

    @EventListener
    void on(MessageStatusChanged status) {
        webhooks.enqueue(List.of(new WebhookEvent(status.wabaId(), "messages", MessageWebhooks.status(status))));
    }
}
