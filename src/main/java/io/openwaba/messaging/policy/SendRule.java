package io.openwaba.messaging.policy;

import io.openwaba.shared.Decision;
import java.time.Instant;

public interface SendRule {

    Decision check(SendFacts facts, Instant now);
}
