package io.openwaba.inbox;

import io.openwaba.messaging.MessageStatusChanged;
import io.openwaba.shared.AfterCommit;
import io.openwaba.shared.DaemonThreads;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live updates for the console's open pages, over server-sent events: one stream per browser
 * tab, fed only with its business's changes. Changes are gathered after their commit and sent
 * every {@link #FLUSH} at most once per conversation, so a busy number costs an operator's page
 * one refresh per tick, not one per message; each page's events wait in a queue of its own, so
 * a page that stops reading holds up no other. Events: {@code conversations} (the list changed)
 * and {@code conversation-{id}} (that conversation's view changed), the latter only to the page
 * that shows that conversation. A stream hears of the changes made on its own node only.
 */
@Component
class InboxStream {

    static final Duration FLUSH = Duration.ofMillis(200);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(20);
    static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);
    static final int WRITERS = 4;
    static final int BACKLOG = 200;

    private final ConversationRows rows;
    private final Map<String, Set<Listener>> streams = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> changed = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "inbox-stream");
        thread.setDaemon(true);
        return thread;
    });

    private final ExecutorService writers = DaemonThreads.fixedPool("inbox-stream-write", WRITERS);

    /**
     * One open page: its events wait in a queue of its own and are written by the writers' pool,
     * so a page that stops reading holds up nothing but itself; past {@link #BACKLOG} unsent
     * events its stream is closed, and the browser reconnects and refreshes.
     */
    private final class Listener {
        final SseEmitter emitter;
        final Queue<SseEmitter.SseEventBuilder> queue = new ConcurrentLinkedQueue<>();
        final AtomicInteger queued = new AtomicInteger();
        final AtomicBoolean writing = new AtomicBoolean();
        final Set<Listener> owner;
        final String shown;

        Listener(SseEmitter emitter, Set<Listener> owner, String shown) {
            this.emitter = emitter;
            this.owner = owner;
            this.shown = shown;
        }

        void offer(SseEmitter.SseEventBuilder event) {
            if (queued.incrementAndGet() > BACKLOG) {
                owner.remove(this);
                emitter.complete();
                return;
            }
            queue.add(event);
            if (writing.compareAndSet(false, true)) {
                writers.execute(this::drain);
            }
        }

        private void drain() {
            try {
                SseEmitter.SseEventBuilder event;
                while ((event = queue.poll()) != null) {
                    queued.decrementAndGet();
                    emitter.send(event);
                }
            } catch (IOException | IllegalStateException e) {
                owner.remove(this);
                return;
            } finally {
                writing.set(false);
            }
            if (!queue.isEmpty() && writing.compareAndSet(false, true)) {
                writers.execute(this::drain);
            }
        }
    }

    InboxStream(ConversationRows rows) {
        this.rows = rows;
        ticks.scheduleWithFixedDelay(guarded(this::flush), FLUSH.toMillis(), FLUSH.toMillis(), TimeUnit.MILLISECONDS);
        ticks.scheduleWithFixedDelay(guarded(this::keepAlive), KEEP_ALIVE.toSeconds(), KEEP_ALIVE.toSeconds(),
                TimeUnit.SECONDS);
    }

    /**
     * A new stream for a page of that business, showing one conversation or none (null); it ends
     * after a while and the browser reconnects.
     */
    SseEmitter open(String businessId, String shownConversation) {
        var emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        var business = streams.computeIfAbsent(businessId, id -> ConcurrentHashMap.newKeySet());
        var listener = new Listener(emitter, business, shownConversation);
        business.add(listener);
        Runnable remove = () -> business.remove(listener);
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
            var list = String.join(" ", ids);
            for (var listener : listeners) {
                listener.offer(SseEmitter.event().name("conversations").data(list));
                if (listener.shown != null && ids.contains(listener.shown)) {
                    listener.offer(SseEmitter.event().name("conversation-" + listener.shown).data(listener.shown));
                }
            }
        }
    }

    private void keepAlive() {
        streams.values().forEach(listeners -> listeners.forEach(listener ->
                listener.offer(SseEmitter.event().comment("keep-alive"))));
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
        writers.shutdownNow();
        streams.values().forEach(listeners -> listeners.forEach(listener -> listener.emitter.complete()));
    }
}
