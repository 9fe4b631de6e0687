package io.openwaba.messaging;

import java.time.Instant;

/**
 * An outbound message moved forward: {@code sent}, {@code delivered}, {@code read}, or
 * {@code failed} with its {@code error}; published in the transaction that recorded it. It carries
 * what the business's status webhook shows: its callback data, the pricing category of a template
 * (null for a free-form reply) and the conversation.
 */
public record MessageStatusChanged(String wamid, String phoneNumberId, String wabaId, String businessNumber,
                                   String waId, String status, Instant at, MessageError error, String callbackData,
                                   String pricingCategory, String conversationId, Instant conversationExpiresAt) {
}
