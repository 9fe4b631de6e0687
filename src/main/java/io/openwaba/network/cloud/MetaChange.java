package io.openwaba.network.cloud;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * What one field of Meta's webhooks ({@code entry[].changes[].field}) changes here. {@code metaWabaId}
 * is the entry's id, the WABA at Meta; it runs in the transaction that applies Meta's delivery.
 */
interface MetaChange {

    String field();

    void apply(String metaWabaId, JsonNode value, Instant at);
}
