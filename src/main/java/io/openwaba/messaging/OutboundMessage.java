package io.openwaba.messaging;

import java.time.Instant;

/** An accepted message on its way out; {@code payload} is the message object as JSON. */
public record OutboundMessage(String wamid, String phoneNumberId, String wabaId, String waId, String type,
                              String payload, Instant acceptedAt) {
}
