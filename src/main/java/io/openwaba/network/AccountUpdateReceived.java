package io.openwaba.network;

import java.util.Map;

/**
 * Meta told a WABA something the business hears of as Meta said it ({@code account_update},
 * {@code business_capability_update}, a {@code phone_number_quality_update} openwaba has no
 * change of its own for): {@code value} goes to the WABA's webhook under {@code field}.
 */
public record AccountUpdateReceived(String wabaId, String field, Map<String, Object> value) {
}
