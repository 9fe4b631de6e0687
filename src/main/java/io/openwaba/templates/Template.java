package io.openwaba.templates;

import java.time.Instant;

/** A stored template: its content, where it stands in review, and why. */
record Template(String id, String wabaId, TemplateContent content, String status, String rejectedReason,
                String reviewRule, String reviewNote, Instant createdAt, String qualityScore, Instant qualityDate,
                Instant flaggedAt, String metaTemplateId) {
}
