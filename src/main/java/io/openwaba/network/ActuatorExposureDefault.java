package io.openwaba.network;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The actuator endpoints served when the operator names none: in cloud mode, which faces the
 * internet, only {@code health}; in sandbox mode also {@code info} and {@code prometheus}. It is
 * the lowest-precedence property source, so {@code management.endpoints.web.exposure.include}
 * set anywhere (arguments, environment, a config file) wins. Registered in META-INF/spring.factories.
 */
class ActuatorExposureDefault implements EnvironmentPostProcessor {

    static final String PROPERTY = "management.endpoints.web.exposure.include";
    static final String CLOUD = "health";
    static final String SANDBOX = "health,info,prometheus";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        var network = environment.getProperty("openwaba.network", "sandbox").trim();
        environment.getPropertySources().addLast(new MapPropertySource("openwaba-actuator-exposure-default",
                Map.of(PROPERTY, "cloud".equalsIgnoreCase(network) ? CLOUD : SANDBOX)));
    }
}
