package io.openwaba.numbers;

/**
 * What the businesses behind a WABA may do changed: the messaging limit ({@code tier}, {@code
 * tierLimit} unique customers) and how many numbers they may have.
 */
public record BusinessCapabilityChanged(String wabaId, String tier, long tierLimit, int numbersAllowed,
                                        boolean limitPerBusiness) {
}
