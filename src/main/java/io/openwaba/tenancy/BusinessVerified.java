package io.openwaba.tenancy;

/** Published in the transaction that marks a business verified: its numbers' limits may rise. */
public record BusinessVerified(String businessId) {
}
