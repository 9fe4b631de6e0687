package io.openwaba.webhooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code openwaba.webhooks.*}. {@code allowPrivateTargets} unset means: allowed in sandbox
 * mode only, where receivers usually run on the same machine.
 */
@ConfigurationProperties("openwaba.webhooks")
public record WebhookSettings(
        Boolean allowPrivateTargets,
        @DefaultValue("10s") Duration initialRetryDelay,
        @DefaultValue("1h") Duration maxRetryDelay,
        @DefaultValue("7d") Duration maxAge,
        @DefaultValue("0.2") double jitter,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("64") int concurrency,
        @DefaultValue("256") int batchSize,
        @DefaultValue("2") int workers,
        @DefaultValue("50ms") Duration pollInterval,
        @DefaultValue("10m") Duration lease) {
}
