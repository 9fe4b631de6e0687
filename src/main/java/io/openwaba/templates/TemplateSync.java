package io.openwaba.templates;

/** What a sync with Meta's library did: templates created here, updated here, and deleted here because Meta has them no more. */
public record TemplateSync(int created, int updated, int deleted) {
}
