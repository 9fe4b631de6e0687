package io.openwaba.webhooks;

import io.openwaba.shared.OutboundUrlGuard;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebhookConfig {

    @Bean
    OutboundUrlGuard outboundUrlGuard(WebhookSettings settings, @Value("${openwaba.network:sandbox}") String network) {
        boolean allow = settings.allowPrivateTargets() != null
                ? settings.allowPrivateTargets()
                : "sandbox".equalsIgnoreCase(network);
        return new OutboundUrlGuard(allow);
    }
}
