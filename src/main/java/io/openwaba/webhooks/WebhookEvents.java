package io.openwaba.webhooks;

import io.openwaba.shared.AfterCommit;
import io.openwaba.shared.RandomIds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Queues webhook events in the caller's transaction, so an event exists exactly when the
 * change it reports was committed. Within a transaction the events are gathered and written
 * together just before it commits: one subscription lookup and one batch insert, however many
 * changes the transaction announced. Events for a WABA without an active subscription to that
 * field are not kept, as Meta drops them.
 */
@Service
public class WebhookEvents {

    private final EventRows events;
    private final SubscriptionRows subscriptions;
    private final WebhookSettings settings;
    private final Clock clock;
    private final WebhookDelivery delivery;

    WebhookEvents(EventRows events, SubscriptionRows subscriptions, WebhookSettings settings, Clock clock,
                  WebhookDelivery delivery) {
        this.events = events;
        this.subscriptions = subscriptions;
        this.settings = settings;
        this.clock = clock;
        this.delivery = delivery;
    }

    public void enqueue(List<WebhookEvent> changes) {
        if (changes.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            write(changes);
            return;
        }
        // Looked up among this transaction's synchronizations, so a nested REQUIRES_NEW
        // transaction gathers its own events and writes them when it commits.
        for (var synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof Gathered gathered && gathered.owner == this) {
                gathered.events.addAll(changes);
                return;
            }
        }
        var gathered = new Gathered(this);
        gathered.events.addAll(changes);
        TransactionSynchronizationManager.registerSynchronization(gathered);
    }

    /** The events one transaction announced, written before it commits. */
    private static final class Gathered implements TransactionSynchronization {
        private final WebhookEvents owner;
        private final List<WebhookEvent> events = new ArrayList<>();

        Gathered(WebhookEvents owner) {
            this.owner = owner;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            owner.write(events);
        }
    }

    private void write(List<WebhookEvent> changes) {
        var wabaIds = changes.stream().map(WebhookEvent::wabaId).collect(Collectors.toSet());
        var byWaba = subscriptions.findAll(wabaIds).stream()
                .collect(Collectors.toMap(Subscription::wabaId, Function.identity()));
        var now = clock.instant();
        var expires = now.plus(settings.maxAge());
        var rows = new ArrayList<EventRows.NewEvent>();
        for (WebhookEvent change : changes) {
            var subscription = byWaba.get(change.wabaId());
            if (subscription != null && subscription.wants(change.field())) {
                rows.add(new EventRows.NewEvent(RandomIds.timeOrdered("evt_", 24), change.wabaId(), change.field(),
                        AsciiJson.write(envelope(change, now.getEpochSecond())), now, expires));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        events.insertAll(rows);
        AfterCommit.run(delivery::wake);
    }

    private static Map<String, Object> envelope(WebhookEvent change, long time) {
        var entry = new LinkedHashMap<String, Object>();
        entry.put("id", change.wabaId());
        if (!change.field().equals("messages")) {
            entry.put("time", time);
        }
        var value = new LinkedHashMap<String, Object>();
        value.put("value", change.value());
        value.put("field", change.field());
        entry.put("changes", List.of(value));
        var envelope = new LinkedHashMap<String, Object>();
        envelope.put("object", "whatsapp_business_account");
        envelope.put("entry", List.of(entry));
        return envelope;
    }
}
