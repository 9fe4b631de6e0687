package io.openwaba.network.sandbox;

import java.time.Instant;

/** One line of a simulated customer's chat: {@code received} from a business or {@code sent} to one. */
public record ChatMessage(String id, String phoneNumberId, String direction, String type, String payload,
                          String status, Instant timestamp) {
}
