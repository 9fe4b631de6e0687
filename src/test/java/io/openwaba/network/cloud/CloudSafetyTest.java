package io.openwaba.network.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.AppProcess;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a cloud node, facing the internet, does not offer that a sandbox node does. */
class CloudSafetyTest extends CloudNodeTest {

    @Test
    void theSandboxApiIsNotServedInCloudMode() {
        var customer = newCustomer();
        assertThat(http.get("/sandbox/info", null).status()).as("served by the sandbox node").isEqualTo(200);
        assertThat(http.get("/sandbox/customers/" + customer + "/messages", null).status()).isEqualTo(200);

        assertThat(cloudHttp.get("/sandbox/info", null).status()).isEqualTo(404);
        assertThat(cloudHttp.get("/sandbox/customers/" + customer + "/messages", null).status()).isEqualTo(404);
        assertThat(cloudHttp.get("/sandbox/info", ADMIN_TOKEN).status()).isEqualTo(404);
        var created = cloudHttp.post("/sandbox/customers", ADMIN_TOKEN, Map.of("wa_id", "+4915112345678", "name", "X"));
        assertThat(created.status()).as(created.body()).isEqualTo(404);
    }

    @Test
    void theActuatorShowsOnlyHealthInCloudModeUnlessTheOperatorSaysOtherwise() {
        var health = cloudHttp.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        assertThat(cloudHttp.get("/actuator/prometheus", null).status()).isEqualTo(404);
        assertThat(cloudHttp.get("/actuator/info", null).status()).isEqualTo(404);
        assertThat(cloudHttp.get("/actuator", null).body()).doesNotContain("prometheus", "info");

        assertThat(http.get("/actuator/prometheus", null).status()).as("sandbox mode keeps its metrics").isEqualTo(200);
        assertThat(http.get("/actuator/info", null).status()).isEqualTo(200);
    }

    @Test
    void aCloudNodeWithoutAnAdminTokenRefusesToStartAndSaysWhy() throws Exception {
        var exit = AppProcess.runUntilExit(cloudArguments(atMeta));

        assertThat(exit.code()).as(exit.log()).isNotZero();
        assertThat(exit.log()).contains("openwaba.admin.token must be set with openwaba.network=cloud");
    }
}
