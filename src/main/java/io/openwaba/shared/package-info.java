/**
 * The shared kernel: who is calling ({@link io.openwaba.shared.Caller}), the management API's
 * error shape, identifiers, secrets and the background worker every work queue runs on.
 * Every module may use it; it uses no module.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package io.openwaba.shared;

import org.springframework.modulith.ApplicationModule;
