package io.openwaba.tenancy;

import java.time.Instant;

/** A WhatsApp Business Account: the unit that owns phone numbers, templates and a webhook. */
public record Waba(String id, String businessId, String name, Instant createdAt) {
}
