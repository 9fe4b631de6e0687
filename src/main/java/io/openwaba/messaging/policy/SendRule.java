package io.openwaba.messaging.policy;

import java.time.Instant;

public interface SendRule {

    Decision check(SendFacts facts, Instant now);
}
