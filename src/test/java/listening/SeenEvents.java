package listening;

import io.openwaba.messaging.MessageReceived;
import io.openwaba.messaging.MessageStatusChanged;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A module of another team listening to messaging's events, as the chat center or billing will:
 * durably, after the change committed. Outside {@code io.openwaba}, so only the test that imports it
 * runs it. While {@link #failing} it throws, as a listener that crashed or never ran would leave it.
 */
@Component
public class SeenEvents {

    public static volatile boolean failing;
    public static final Map<String, AtomicInteger> SEEN = new ConcurrentHashMap<>();

    @ApplicationModuleListener
    void on(MessageReceived message) {
        see("received " + message.wamid());
    }

    @ApplicationModuleListener
    void on(MessageStatusChanged status) {
        see(status.status() + " " + status.wamid());
    }

    private static void see(String key) {
        if (failing) {
            throw new IllegalStateException("listener down: " + key);
        }
        SEEN.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }
}
