package io.openwaba.messaging;

import java.time.Instant;
import java.util.List;

/**
 * The business read a customer's messages ({@code wamids}, oldest first) at {@code at}, and
 * may show a typing indicator ({@code typing}) until it replies.
 */
public record ReadReceipt(String phoneNumberId, String waId, List<String> wamids, boolean typing, Instant at) {
}
