package io.openwaba.numbers;

import java.time.Instant;

/**
 * A business phone number registered under a WABA, with its health: status, messaging-limit tier
 * (the holder's: the number's own, or its business's under meta-2025), quality rating, throughput.
 */
public record PhoneNumber(String id, String wabaId, String businessId, WaId waId, String displayPhoneNumber,
                          String verifiedName, NumberStatus status, String messagingLimitTier,
                          QualityRating qualityRating,
                          Instant createdAt, CodeVerificationStatus codeVerificationStatus, Instant reviewDueAt, Instant flaggedAt,
                          int messagesPerSecond, OfficialStatus officialStatus, String humanAgent,
                          Instant humanAgentMissingSince) {

    /** Whether the number sends: CONNECTED, FLAGGED or RESTRICTED ({@link NumberStatus#working()}). */
    public boolean working() {
        return status.working();
    }

    public boolean officialBusinessAccount() {
        return officialStatus == OfficialStatus.APPROVED;
    }
}
