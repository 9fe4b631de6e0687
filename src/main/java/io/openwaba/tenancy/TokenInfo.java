package io.openwaba.tenancy;

import java.time.Instant;

public record TokenInfo(String id, String role, String businessId, String label, Instant createdAt,
                        Instant revokedAt) {
}
