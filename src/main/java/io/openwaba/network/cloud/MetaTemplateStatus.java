package io.openwaba.network.cloud;

import io.openwaba.network.OnCloud;
import io.openwaba.templates.Templates;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** {@code message_template_status_update}: Meta's review (APPROVED, REJECTED …) or lifecycle (PAUSED, DISABLED …). */
@OnCloud
@Component
class MetaTemplateStatus implements MetaChange {

    private static final Logger log = LoggerFactory.getLogger(MetaTemplateStatus.class);

    private final Templates templates;

    MetaTemplateStatus(Templates templates) {
        this.templates = templates;
    }

    @Override
    public String field() {
        return "message_template_status_update";
    }

    @Override
    public void apply(String metaWabaId, JsonNode value, Instant at) {
        var metaId = value.path("message_template_id").asString("");
        var event = value.path("event").asString("");
        if (metaId.isEmpty() || event.isEmpty()) {
            log.info("Meta's template status update for WABA {} names no template or event; nothing to apply", metaWabaId);
            return;
        }
        var recommendation = value.path("rejection_info").path("recommendation").asString(null);
        var reason = value.path("reason").isString() ? value.path("reason").asString() : "NONE";
        if (!templates.statusReported(metaId, event, reason, recommendation, at)) {
            log.info("Meta reported {} for template {} of WABA {}, which openwaba does not have; a template sync"
                    + " (POST /api/wabas/{{id}}/templates/sync) brings it in", event, metaId, metaWabaId);
        }
    }
}
