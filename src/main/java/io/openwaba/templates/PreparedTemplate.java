package io.openwaba.templates;

import java.util.Map;

/**
 * A template message ready to go: the approved template it names, its category (which sets the
 * conversation and the price) and the {@code template} object in canonical form.
 */
public record PreparedTemplate(String templateId, String category, Map<String, Object> payload) {
}
