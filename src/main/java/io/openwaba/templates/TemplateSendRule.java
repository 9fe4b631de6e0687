package io.openwaba.templates;

import io.openwaba.shared.Decision;
import io.openwaba.shared.MetaError;
import java.util.Map;

/**
 * Whether a template may be sent: APPROVED and FLAGGED ones go (a flagged template still sends
 * while it may recover); a PAUSED one is refused with 132015, a DISABLED one with 132016, and one
 * that is not approved (PENDING, REJECTED …) looks like no template at all, 132001. Plain Java.
 */
final class TemplateSendRule {

    static final String NAME = "template-status";

    private TemplateSendRule() {
    }

    static Decision check(String status, String name, String language) {
        return switch (status) {
            case "APPROVED", "FLAGGED" -> Decision.allow();
            case "PAUSED" -> refuse(400, 132015, "Template is Paused",
                    "Template " + name + " is paused because of low quality.", status);
            case "DISABLED" -> refuse(400, 132016, "Template is Disabled",
                    "Template " + name + " is disabled because of low quality.", status);
            default -> refuse(404, 132001, "Template name does not exist in the translation",
                    "template name (" + name + ") in " + language + " is " + status + ", not APPROVED", status);
        };
    }

    private static Decision refuse(int httpStatus, int code, String title, String details, String status) {
        return Decision.refuse(NAME, details, Map.of("status", status), MetaError.whatsapp(httpStatus, code, title, details));
    }
}
