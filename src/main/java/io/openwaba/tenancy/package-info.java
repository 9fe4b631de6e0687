/**
 * Businesses, their WhatsApp Business Accounts (WABAs), verification and access tokens.
 * {@link io.openwaba.tenancy.Tenancy} is the module's API; every other module asks it who a
 * token belongs to and whether a caller may see a WABA.
 */
@ApplicationModule(allowedDependencies = "shared")
package io.openwaba.tenancy;

import org.springframework.modulith.ApplicationModule;
