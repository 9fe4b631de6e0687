package io.openwaba.network.sandbox;

import java.time.Instant;

/** A simulated WhatsApp user. */
public record Customer(String waId, String name, String country, Instant createdAt) {
}
