package io.openwaba.numbers;

import java.time.Instant;

/**
 * A number's status moved from {@code from} to {@code to}. {@code restrictedUntil} is set when it
 * became RESTRICTED; {@code deregistered} when it went OFFLINE because it was deregistered.
 */
public record NumberStatusChanged(String phoneNumberId, String wabaId, String displayNumber, NumberStatus from,
                                  NumberStatus to,
                                  Instant restrictedUntil, boolean deregistered, Instant at) {
}
