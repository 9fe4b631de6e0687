package io.openwaba.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code openwaba.messaging.*}: the window rule's length and the send pipeline's batching. */
@ConfigurationProperties("openwaba.messaging")
public record MessagingSettings(
        @DefaultValue("24h") Duration customerServiceWindow,
        @DefaultValue("500") int commitBatchSize,
        @DefaultValue("500") int dispatchBatchSize,
        @DefaultValue("1") int dispatchWorkers,
        @DefaultValue("50ms") Duration dispatchPollInterval,
        @DefaultValue("1m") Duration dispatchLease) {
}
