package io.openwaba.numbers;

import java.time.Instant;

/**
 * A number was flagged for low quality ({@code worsened}) or recovered: its rating changed, or its
 * status moved to or out of FLAGGED. {@code currentLimit} is the tier it holds; under a per-business
 * limit ({@code limitPerBusiness}) that is the business's.
 */
public record NumberQualityChanged(String phoneNumberId, String wabaId, String displayNumber, QualityRating rating,
                                   boolean worsened, String currentLimit, boolean limitPerBusiness, Instant at) {
}
