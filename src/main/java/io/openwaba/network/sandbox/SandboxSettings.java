package io.openwaba.network.sandbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code openwaba.sandbox.*}: how simulated phones acknowledge what they receive. Each delay
 * counts from the moment the network took the message; {@code failureRate} (0 to 1) is the
 * share of messages that fail instead, with 131026.
 */
@ConfigurationProperties("openwaba.sandbox")
public record SandboxSettings(
        @DefaultValue("100ms") Duration sentDelay,
        @DefaultValue("500ms") Duration deliveredDelay,
        @DefaultValue("2s") Duration readDelay,
        @DefaultValue("0") double failureRate,
        @DefaultValue("50ms") Duration ackPollInterval,
        @DefaultValue("500") int ackBatchSize,
        @DefaultValue("2") int ackWorkers) {

    public SandboxSettings {
        if (failureRate < 0 || failureRate > 1) {
            throw new IllegalArgumentException("openwaba.sandbox.failure-rate must be between 0 and 1");
        }
        if (sentDelay.compareTo(deliveredDelay) > 0 || deliveredDelay.compareTo(readDelay) > 0) {
            throw new IllegalArgumentException("openwaba.sandbox delays must be in order: sent <= delivered <= read");
        }
    }
}
