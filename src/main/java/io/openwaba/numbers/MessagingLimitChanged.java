package io.openwaba.numbers;

import java.time.Instant;

/** A number's messaging-limit tier moved from {@code from} to {@code to} (its own, or its business's). */
public record MessagingLimitChanged(String phoneNumberId, String wabaId, String displayNumber, String from, String to,
                                    boolean raised, boolean limitPerBusiness, Instant at) {
}
