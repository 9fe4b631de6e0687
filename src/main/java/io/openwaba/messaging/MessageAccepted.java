package io.openwaba.messaging;

import java.time.Instant;

/**
 * An outbound message was accepted and stored; published in the transaction that stored it.
 * {@code templateId} and {@code pricingCategory} are set for template messages.
 */
public record MessageAccepted(String wamid, String phoneNumberId, String wabaId, String waId, String type,
                              Origin origin, String actor, String templateId, String pricingCategory, Instant at) {
}
