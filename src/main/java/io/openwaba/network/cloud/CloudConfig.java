package io.openwaba.network.cloud;

import io.openwaba.network.OnCloud;
import io.openwaba.tenancy.Tenancy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The relay's parts, checked at start: cloud mode refuses to run half-configured. */
@OnCloud
@Configuration(proxyBeanMethods = false)
class CloudConfig {

    @Bean
    MetaGraph metaGraph(CloudSettings settings) {
        settings.requireComplete();
        return new MetaGraph(settings);
    }

    @Bean
    ServletRegistrationBean<MetaWebhookServlet> metaWebhookServlet(CloudSettings settings, MetaWebhooks webhooks, MetaInbox inbox) {
        return new ServletRegistrationBean<>(new MetaWebhookServlet(settings, webhooks, inbox), "/webhooks/meta");
    }

    /** No generated admin token in production: the operator sets {@code openwaba.admin.token}. */
    @Bean
    ApplicationRunner cloudAdminToken(Tenancy tenancy, @Value("${openwaba.admin.token:}") String adminToken) {
        CloudSettings.requireSet("openwaba.admin.token", adminToken);
        return arguments -> {
            if (!tenancy.tokenExists(adminToken)) {
                tenancy.issueAdminToken("admin", adminToken);
            }
        };
    }
}
