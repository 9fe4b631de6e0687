package io.openwaba.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Every accepted send by wamid, with when it started and when its 200 arrived. */
final class Ledger {
    record Send(long start, long accepted, boolean measured) {
    }

    final Map<String, Send> sends = new ConcurrentHashMap<>();
    final AtomicLong lastAccept = new AtomicLong();

    boolean accept(String body, long start, long end, boolean measured) {
        String wamid = wamid(body);
        if (wamid == null) {
            return false;
        }
        sends.put(wamid, new Send(start, end, measured));
        lastAccept.accumulateAndGet(end, Math::max);
        return true;
    }

    long pending(Receiver receiver) {
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
