/**
 * The shared kernel: who is calling ({@link io.openwaba.shared.Caller}), the management API's
 * error shape, identifiers, secrets, the background worker every work queue runs on, the claim
 * they make ({@link io.openwaba.shared.WorkQueue}) and the wall clock for real elapsed time.
 * Every module may use it; it uses no module.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package io.openwaba.shared;

import org.springframework.modulith.ApplicationModule;
