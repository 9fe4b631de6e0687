package io.openwaba.network.cloud;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Runs tasks one after another within a lane and lanes side by side on a shared pool, so the
 * messages to one customer reach Meta in the order they were accepted, however many are queued.
 */
final class RelayLanes {

    private final ExecutorService pool;
    private final Map<String, CompletableFuture<?>> tails = new ConcurrentHashMap<>();

    RelayLanes(ExecutorService pool) {
        this.pool = pool;
    }

    /** Runs the task after the lane's previous ones have finished, whether they succeeded or not. */
    <T> CompletableFuture<T> run(String lane, Supplier<T> task) {
        var queued = new CompletableFuture<T>();
        tails.compute(lane, (key, tail) -> {
            var previous = tail == null ? CompletableFuture.completedFuture(null) : tail;
            previous.handleAsync((ignored, failure) -> task.get(), pool).whenComplete((result, failure) -> {
                if (failure != null) {
                    queued.completeExceptionally(failure);
                } else {
                    queued.complete(result);
                }
            });
            return queued;
        });
        queued.whenComplete((result, failure) -> tails.remove(lane, queued));
        return queued;
    }

    void close() {
        pool.shutdownNow();
    }
}
