package io.openwaba.webhooks;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebhookConfig {

    @Bean
    HttpClient webhookHttpClient(WebhookSettings settings) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout().compareTo(Duration.ofSeconds(5)) < 0
                        ? settings.timeout() : Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newFixedThreadPool(4, runnable -> {
                    var thread = new Thread(runnable, "webhook-http");
                    thread.setDaemon(true);
                    return thread;
                }))
                .build();
    }

    @Bean
    CallbackUrlGuard callbackUrlGuard(WebhookSettings settings, @Value("${openwaba.network:sandbox}") String network) {
        boolean allow = settings.allowPrivateTargets() != null
                ? settings.allowPrivateTargets()
                : "sandbox".equalsIgnoreCase(network);
        return new CallbackUrlGuard(allow);
    }
}
