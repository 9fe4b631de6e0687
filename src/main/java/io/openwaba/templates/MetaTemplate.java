package io.openwaba.templates;

import java.util.List;
import java.util.Map;

/** A template as Meta lists it ({@code GET /{waba-id}/message_templates}), for a sync of the library. */
public record MetaTemplate(String metaId, String name, String language, String status, String category,
                           String parameterFormat, String qualityScore, String rejectedReason,
                           List<Map<String, Object>> components) {
}
