package io.openwaba.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Which actuator endpoints are exposed when the operator names none, and that the operator's choice wins. */
class ActuatorExposureDefaultTest {

    private static String exposure(Map<String, Object> arguments) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("arguments", arguments));
        new ActuatorExposureDefault().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty(ActuatorExposureDefault.PROPERTY);
    }

    @Test
    void cloudModeExposesOnlyHealth() {
        assertThat(exposure(Map.of("openwaba.network", "cloud"))).isEqualTo("health");
    }

    @Test
    void sandboxModeExposesHealthInfoAndPrometheus() {
        assertThat(exposure(Map.of())).isEqualTo("health,info,prometheus");
        assertThat(exposure(Map.of("openwaba.network", "sandbox"))).isEqualTo("health,info,prometheus");
    }

    @Test
    void anExposureTheOperatorSetsIsKeptInCloudMode() {
        assertThat(exposure(Map.of("openwaba.network", "cloud", ActuatorExposureDefault.PROPERTY, "health,prometheus")))
                .isEqualTo("health,prometheus");
    }

    @Test
    void theNetworkAndTheExposureAreReadFromEnvironmentVariablesToo() {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env",
                Map.of("OPENWABA_NETWORK", "cloud")));
        new ActuatorExposureDefault().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty(ActuatorExposureDefault.PROPERTY)).isEqualTo("health");

        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("operator",
                Map.of("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "health,info")));
        assertThat(environment.getProperty(ActuatorExposureDefault.PROPERTY)).isEqualTo("health,info");
    }
}
