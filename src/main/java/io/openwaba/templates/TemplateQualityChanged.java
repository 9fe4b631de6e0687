package io.openwaba.templates;

import java.time.Instant;

/** A template's quality score moved from {@code previousScore} to {@code newScore} (GREEN, YELLOW, RED, UNKNOWN). */
public record TemplateQualityChanged(String templateId, String wabaId, String name, String language,
                                     String previousScore, String newScore, Instant at) {
}
