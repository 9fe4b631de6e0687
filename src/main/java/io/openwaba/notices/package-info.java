/**
 * Email notices to businesses (a template flagged or disabled …): kept in an outbox in the
 * same transaction as the change they report, then sent over SMTP when {@code spring.mail.host}
 * is set, or kept for reading through the management API when it is not.
 */
@ApplicationModule(allowedDependencies = {"shared", "tenancy"})
package io.openwaba.notices;

import org.springframework.modulith.ApplicationModule;
