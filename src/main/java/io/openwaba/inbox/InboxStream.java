package io.openwaba.inbox;

import io.openwaba.messaging.MessageStatusChanged;
import io.openwaba.shared.AfterCommit;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live updates for the console's open pages, over server-sent events: one stream per browser
 * tab, fed only with its business's changes. Changes are gathered after their commit and sent
 * every {@link #FLUSH} at most once per conversation, so a busy number costs an operator's page
 * one refresh per tick, not one per message. Events: {@code conversations} (the list changed)
 * and {@code conversation-{id}} (that conversation's view changed). A stream hears of the
 * changes made on its own node only.
 */
@Component
class InboxStream {

    static final Duration FLUSH = Duration.ofMillis(200);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(20);
    static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);

    private final ConversationRows rows;
    private final Map<String, Set<SseEmitter>> streams = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> changed = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "inbox-stream");
        thread.setDaemon(true);
        return thread;
    });

    InboxStream(ConversationRows rows) {
        this.rows = rows;
        ticks.scheduleWithFixedDelay(guarded(this::flush), FLUSH.toMillis(), FLUSH.toMillis(), TimeUnit.MILLISECONDS);
        ticks.scheduleWithFixedDelay(guarded(this::keepAlive), KEEP_ALIVE.toSeconds(), KEEP_ALIVE.toSeconds(),
                TimeUnit.SECONDS);
    }

    /** A new stream for a page of that business; it ends after a while and the browser reconnects. */
    SseEmitter open(String businessId) {
        var emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        var business = streams.computeIfAbsent(businessId, id -> ConcurrentHashMap.newKeySet());
        business.add(emitter);
        Runnable remove = () -> business.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
        try {
            emitter.send(SseEmitter.event().comment("connected"));
        } catch (IOException e) {
            remove.run();
        }
        return emitter;
    }

    @EventListener
    void on(ConversationChanged change) {
        if (streams.containsKey(change.businessId())) {
            AfterCommit.run(() -> changed.compute(change.businessId(), (id, ids) -> {
                var set = ids != null ? ids : ConcurrentHashMap.<String>newKeySet();
                set.add(change.conversationId());
                return set;
            }));
        }
    }

    /** A status moves a tick on the conversation's view; looked up only while some page listens. */
    @EventListener
    void on(MessageStatusChanged status) {
        if (streams.values().stream().allMatch(Set::isEmpty)) {
            return;
        }
        rows.findByChat(status.phoneNumberId(), status.waId()).ifPresent(conversation -> on(new ConversationChanged(
                conversation.id(), conversation.businessId(), ConversationChanged.What.MESSAGE_STATUS, null,
                status.at())));
    }

    private void flush() {
        for (var businessId : changed.keySet()) {
            var ids = changed.remove(businessId);
            var listeners = streams.get(businessId);
            if (ids == null || listeners == null) {
                continue;
            }
            for (var emitter : listeners) {
                try {
                    emitter.send(SseEmitter.event().name("conversations").data(String.join(" ", ids)));
                    for (var id : ids) {
                        emitter.send(SseEmitter.event().name("conversation-" + id).data(id));
                    }
                } catch (IOException | IllegalStateException e) {
                    listeners.remove(emitter);
                }
            }
        }
    }

    private void keepAlive() {
        streams.values().forEach(listeners -> listeners.forEach(emitter -> {
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException e) {
                listeners.remove(emitter);
            }
        }));
    }

    /** A task that throws would never be scheduled again: a failed tick is logged and the next one runs. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(InboxStream.class).warn("Console live update failed", e);
            }
        };
    }

    @PreDestroy
    void close() {
        ticks.shutdownNow();
        streams.values().forEach(listeners -> listeners.forEach(SseEmitter::complete));
    }
}
