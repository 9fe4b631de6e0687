/**
 * The console under {@code /console}: sign-in (form login with CSRF, sessions, lockout), the
 * page layout and the language (English or Russian, from the browser or chosen on the page).
 * Other modules add their screens to it.
 */
@ApplicationModule(allowedDependencies = {"shared", "tenancy"})
package io.openwaba.console;

import org.springframework.modulith.ApplicationModule;
