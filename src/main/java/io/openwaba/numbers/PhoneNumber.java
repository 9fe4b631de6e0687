package io.openwaba.numbers;

import java.time.Instant;

/**
 * A business phone number registered under a WABA, with its health: status, messaging-limit tier
 * (the holder's: the number's own, or its business's under meta-2025), quality rating, throughput.
 */
public record PhoneNumber(String id, String wabaId, String businessId, WaId waId, String displayPhoneNumber,
                          String verifiedName, String status, String messagingLimitTier, String qualityRating,
                          Instant createdAt, String codeVerificationStatus, Instant reviewDueAt, Instant flaggedAt,
                          int messagesPerSecond, String officialStatus, String humanAgent,
                          Instant humanAgentMissingSince) {

    /** Statuses in which a number sends: FLAGGED and RESTRICTED still send session messages. */
    public boolean working() {
        return status.equals("CONNECTED") || status.equals("FLAGGED") || status.equals("RESTRICTED");
    }

    public boolean officialBusinessAccount() {
        return officialStatus.equals("APPROVED");
    }
}
