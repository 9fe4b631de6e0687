package io.openwaba.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openwaba.shared.OutboundUrlGuard;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The guard the webhooks module builds from its configuration: private targets refused unless in sandbox mode or allowed. */
class PrivateTargetsDefaultTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(WebhookSettings.class)
    static class Settings {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class, WebhookConfig.class);

    @Test
    void cloudModeRefusesLoopbackAndPrivateCallbackUrlsByDefault() {
        context.withPropertyValues("openwaba.network=cloud").run(started -> {
            var guard = started.getBean(OutboundUrlGuard.class);
            for (var url : new String[] {"http://127.0.0.1:8080/hook", "http://10.1.2.3/hook", "http://192.168.0.7/hook",
                    "http://172.16.0.9/hook", "http://localhost/hook", "http://[::1]/hook"}) {
                assertThatThrownBy(() -> guard.check(url, "the callback URL")).as(url)
                        .isInstanceOf(OutboundUrlGuard.Refused.class)
                        .hasMessageContaining("openwaba.webhooks.allow-private-targets");
            }
        });
    }

    @Test
    void cloudModeAllowsThemOnlyWhenTheOperatorSaysSo() {
        context.withPropertyValues("openwaba.network=cloud", "openwaba.webhooks.allow-private-targets=true")
                .run(started -> assertThat(started.getBean(OutboundUrlGuard.class)
                        .check("http://127.0.0.1:8080/hook", "the callback URL").getHost()).isEqualTo("127.0.0.1"));
    }

    @Test
    void sandboxModeAllowsThemByDefaultAndRefusesThemWhenTold() {
        context.run(started -> assertThat(started.getBean(OutboundUrlGuard.class)
                .check("http://127.0.0.1:8080/hook", "the callback URL").getHost()).isEqualTo("127.0.0.1"));
        context.withPropertyValues("openwaba.webhooks.allow-private-targets=false")
                .run(started -> assertThatThrownBy(() -> started.getBean(OutboundUrlGuard.class)
                        .check("http://127.0.0.1:8080/hook", "the callback URL"))
                        .isInstanceOf(OutboundUrlGuard.Refused.class));
    }
}
