package io.openwaba.tenancy;

import java.time.Instant;

/** A freshly issued access token: the only time its plain value is known. */
public record IssuedToken(String id, String accessToken, String label, Instant createdAt) {
}
