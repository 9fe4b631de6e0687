package io.openwaba.numbers;

/**
 * Who holds a number's messaging limit: under classic each number holds its own; under meta-2025
 * its business holds one limit that all its numbers share. The holder's id is the key of its row
 * in the limit ledger. Plain Java.
 */
record LimitHolderRule(PolicyProfile profile) {

    String holderOf(PhoneNumber number) {
        return profile.perBusiness() ? number.businessId() : number.id();
    }

    /** The holder as a person reads it: "business 42" or "phone number 17". */
    String describe(String holderId) {
        return (profile.perBusiness() ? "business " : "phone number ") + holderId;
    }
}
