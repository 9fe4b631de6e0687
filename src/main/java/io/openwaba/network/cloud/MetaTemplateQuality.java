package io.openwaba.network.cloud;

import io.openwaba.network.OnCloud;
import io.openwaba.templates.Templates;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** {@code message_template_quality_update}: Meta's new quality score of a template. */
@OnCloud
@Component
class MetaTemplateQuality implements MetaChange {

    private static final Logger log = LoggerFactory.getLogger(MetaTemplateQuality.class);
    private static final Set<String> SCORES = Set.of("GREEN", "YELLOW", "RED", "UNKNOWN");

    private final Templates templates;

    MetaTemplateQuality(Templates templates) {
        this.templates = templates;
    }

    @Override
    public String field() {
        return "message_template_quality_update";
    }

    @Override
    public void apply(String metaWabaId, JsonNode value, Instant at) {
        var metaId = value.path("message_template_id").asString("");
        var score = value.path("new_quality_score").asString("");
        if (metaId.isEmpty() || !SCORES.contains(score)) {
            log.info("Meta's template quality update for WABA {} has no template or a score {} openwaba does not"
                    + " know; nothing to apply", metaWabaId, score);
            return;
        }
        if (!templates.qualityReported(metaId, score, at)) {
            log.info("Meta scored template {} of WABA {}, which openwaba does not have", metaId, metaWabaId);
        }
    }
}
