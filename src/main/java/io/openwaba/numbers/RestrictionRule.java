package io.openwaba.numbers;

/**
 * When the messaging limit moves a number in or out of RESTRICTED: a send refused by the limit
 * restricts a number whose quality is RED (under a profile that flags), and a RESTRICTED number is
 * lifted as soon as its tier admits one more customer. The statuses it moves to are
 * {@link NumberStatus}'s. Plain Java.
 */
record RestrictionRule(PolicyProfile profile) {

    /** After a refusal by the messaging limit: does the number become RESTRICTED? */
    boolean restricts(PhoneNumber number) {
        return profile.flagging() && number.qualityRating() == QualityRating.RED
                && number.status().canMoveTo(NumberStatus.RESTRICTED);
    }

    /** Is the restriction over: does the tier admit one more customer? */
    boolean lifts(PhoneNumber number, Tier tier, long used) {
        return number.status() == NumberStatus.RESTRICTED && tier.allows(used + 1L);
    }
}
