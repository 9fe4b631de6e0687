package io.openwaba.shared;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers lookups on the hot path for a short time. Entries expire by wall-clock time (the
 * sandbox clock has no say here); when the cache reaches its size limit it starts over.
 */
public final class ShortLivedCache<K, V> {

    private final long ttlNanos;
    private final int limit;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    public ShortLivedCache(Duration ttl, int limit) {
        this.ttlNanos = ttl.toNanos();
        this.limit = limit;
    }

    public Optional<V> get(K key) {
        var entry = entries.get(key);
        if (entry == null || entry.expiresAt() - System.nanoTime() <= 0) {
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    /** The value kept for the key, or the one {@code load} gives, which is then kept. */
    public V get(K key, Function<K, V> load) {
        var cached = get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        var value = load.apply(key);
        put(key, value);
        return value;
    }

    public void put(K key, V value) {
        if (entries.size() >= limit) {
            entries.clear();
        }
        entries.put(key, new Entry<>(value, System.nanoTime() + ttlNanos));
    }

    public void remove(K key) {
        entries.remove(key);
    }

    public void clear() {
        entries.clear();
    }

    private record Entry<V>(V value, long expiresAt) {
    }
}
