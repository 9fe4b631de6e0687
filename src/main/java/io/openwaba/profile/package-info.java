/**
 * The business profile of each phone number ({@code /{phone-number-id}/whatsapp_business_profile}):
 * about, address, description, email, websites, vertical and picture, as customers see them.
 */
@ApplicationModule(allowedDependencies = {"shared", "graph", "numbers", "media"})
package io.openwaba.profile;

import org.springframework.modulith.ApplicationModule;
