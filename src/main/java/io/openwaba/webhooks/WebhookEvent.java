package io.openwaba.webhooks;

import java.util.Map;

/** One webhook change for a WABA: the {@code field} and its {@code value}, as Meta nests them. */
public record WebhookEvent(String wabaId, String field, Map<String, Object> value) {
}
