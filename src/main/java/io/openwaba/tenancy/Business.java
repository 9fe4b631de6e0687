package io.openwaba.tenancy;

import java.time.Instant;

public record Business(String id, String name, boolean verified, String notificationEmail, String appSecret,
                       Instant createdAt) {
}
