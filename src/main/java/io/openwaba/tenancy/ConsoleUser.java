package io.openwaba.tenancy;

import java.time.Instant;

/** A person who signs in to the console; {@code businessId} is null for the BSP admin. */
public record ConsoleUser(String id, String login, String displayName, ConsoleRole role, String businessId,
                          String passwordHash, int failedAttempts, Instant lockedUntil) {

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
