package io.openwaba.messaging.policy;

import java.time.Instant;
import java.util.Optional;

/** What the send rules look at for one outbound message. */
public record SendFacts(boolean template, Optional<Instant> lastInboundAt) {
}
