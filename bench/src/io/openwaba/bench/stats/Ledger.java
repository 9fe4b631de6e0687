package io.openwaba.bench.stats;

import io.openwaba.bench.json.Json;
import io.openwaba.bench.receiver.Receiver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Every accepted send by wamid, with when it started and when its 200 arrived. */
public final class Ledger {

    final Map<String, TrackedSend> sends = new ConcurrentHashMap<>();
    final AtomicLong lastAccept = new AtomicLong();

    public boolean accept(String body, long start, long end, boolean measured) {
        String wamid = wamid(body);
        if (wamid == null) {
            return false;
        }
        sends.put(wamid, new TrackedSend(start, end, measured));
        lastAccept.accumulateAndGet(end, Math::max);
        return true;
    }

    public long pending(Receiver receiver) {
        return sends.keySet().stream().filter(wamid -> !receiver.settled(wamid)).count();
    }

    private static String wamid(String body) {
        try {
            List<Object> messages = Json.list(Json.object(Json.parse(body)).get("messages"));
            return messages.isEmpty() ? null : Json.text(Json.object(messages.get(0)).get("id"));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
