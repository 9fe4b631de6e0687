package io.openwaba.messaging.policy;

/** What a send rule decided: allowed, or refused by a named rule with a reason a person can read. */
public sealed interface Decision {

    record Allowed() implements Decision {
    }

    record Refused(String rule, String reason) implements Decision {
    }

    static Decision allow() {
        return new Allowed();
    }

    static Decision refuse(String rule, String reason) {
        return new Refused(rule, reason);
    }
}
