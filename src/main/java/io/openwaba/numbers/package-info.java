/**
 * Business phone numbers: registration under a WABA, display name, status, messaging-limit
 * tier and quality rating, and the parsing of any phone number into a WhatsApp id
 * ({@link io.openwaba.numbers.WaId}).
 */
@ApplicationModule(allowedDependencies = {"shared", "graph", "tenancy"})
package io.openwaba.numbers;

import org.springframework.modulith.ApplicationModule;
