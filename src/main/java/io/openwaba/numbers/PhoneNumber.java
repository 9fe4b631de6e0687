package io.openwaba.numbers;

import java.time.Instant;

/** A business phone number registered under a WABA. */
public record PhoneNumber(String id, String wabaId, String businessId, WaId waId, String displayPhoneNumber,
                          String verifiedName, String status, String messagingLimitTier, String qualityRating,
                          Instant createdAt) {
}
