package io.openwaba.network;

import io.openwaba.network.sandbox.SandboxClock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Chooses the network: only the sandbox exists so far; {@code cloud} is refused at start. */
@Configuration(proxyBeanMethods = false)
class NetworkConfig {

    NetworkConfig(@Value("${openwaba.network:sandbox}") String network) {
        if (!"sandbox".equalsIgnoreCase(network)) {
            throw new IllegalStateException("openwaba.network=" + network + " is not available: this version"
                    + " runs the sandbox network only (openwaba.network=sandbox)");
        }
    }

    /** The time every rule and timer reads; the sandbox's can be advanced. */
    @Bean
    @DependsOn("flywayInitializer")
    SandboxClock clock(JdbcClient jdbc) {
        return SandboxClock.load(jdbc);
    }
}
