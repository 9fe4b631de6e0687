package io.openwaba.network;

import io.openwaba.network.sandbox.SandboxClock;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Chooses the network ({@code openwaba.network}): {@code sandbox}, the emulated network with
 * its advanceable clock, or {@code cloud}, the relay to Meta's Cloud API on real time.
 */
@Configuration(proxyBeanMethods = false)
class NetworkConfig {

    NetworkConfig(@Value("${openwaba.network:sandbox}") String network) {
        if (!"sandbox".equals(network) && !"cloud".equals(network)) {
            throw new IllegalStateException("openwaba.network=" + network + " is not a network: use sandbox"
                    + " (the emulated network, the default) or cloud (the relay to Meta's Cloud API)");
        }
    }

    /** The time every rule and timer reads; the sandbox's can be advanced. */
    @Bean
    @OnSandbox
    @DependsOn("flywayInitializer")
    SandboxClock clock(JdbcClient jdbc) {
        return SandboxClock.load(jdbc);
    }

    /** On Meta's network, rules run on real time. */
    @Bean
    @OnCloud
    Clock systemClock() {
        return Clock.systemUTC();
    }
}
