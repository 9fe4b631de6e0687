package io.openwaba.inbox;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which online operator gets the next waiting conversation: among those holding fewer open
 * conversations than the cap, the one who got a conversation longest ago (never first). Plain
 * Java, no I/O.
 */
final class RoundRobin {

    private RoundRobin() {
    }

    static Optional<String> next(List<AssignmentRows.Online> online, Map<String, Integer> open, int cap) {
        return online.stream()
                .filter(operator -> open.getOrDefault(operator.userId(), 0) < cap)
                .min(Comparator.comparing((AssignmentRows.Online operator) -> operator.lastAssignedAt() == null
                                ? Instant.MIN : operator.lastAssignedAt())
                        .thenComparing(AssignmentRows.Online::userId))
                .map(AssignmentRows.Online::userId);
    }
}
