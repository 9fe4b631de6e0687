package io.openwaba.catalog;

import java.math.BigDecimal;

/** A product of a catalog, identified in messages by its retailer id (the business's own SKU). */
public record Product(String catalogId, String retailerId, String name, String description, BigDecimal price,
                      String currency, String imageUrl, boolean available) {
}
