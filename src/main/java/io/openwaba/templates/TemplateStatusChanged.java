package io.openwaba.templates;

import java.time.Instant;

/**
 * A template's status changed: reviewed ({@code APPROVED}, {@code REJECTED}), flagged, disabled or
 * reinstated by its quality. {@code event} is the new status as Meta announces it; {@code reason}
 * Meta's rejection reason ({@code NONE} otherwise) and {@code recommendation} the reviewer's advice
 * for a rejected template.
 */
public record TemplateStatusChanged(String templateId, String wabaId, String name, String language, String category,
                                    String event, String reason, String recommendation, Instant at) {
}
