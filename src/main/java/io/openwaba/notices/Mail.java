package io.openwaba.notices;

import java.time.Instant;

/** One email notice and what became of it. */
public record Mail(String id, String businessId, String to, String subject, String body, String state, int attempts,
                   String lastError, Instant createdAt, Instant sentAt) {
}
