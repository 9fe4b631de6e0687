/**
 * Product catalogs: one per WABA, with products (retailer id, name, description, price,
 * currency, image) managed through the management API and used by product messages and orders.
 */
@ApplicationModule(allowedDependencies = {"shared", "tenancy"})
package io.openwaba.catalog;

import org.springframework.modulith.ApplicationModule;
