package io.openwaba.numbers;

/** A messaging-limit tier: its Graph name and how many unique customers it allows per window (-1: no limit). */
public record Tier(String name, long limit) {

    public boolean unlimited() {
        return limit < 0;
    }

    public boolean allows(long customers) {
        return unlimited() || customers <= limit;
    }
}
