package io.openwaba.media;

import java.time.Instant;

/** A stored media file, as {@code GET /{media-id}} describes it. */
public record MediaObject(String id, String businessId, String phoneNumberId, String mimeType, String sha256,
                          long fileSize, String filename, Instant createdAt, Instant expiresAt) {
}
