package io.openwaba.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.PlatformTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleUserApiTest extends PlatformTest {

    @Test
    void aBusinessAddsAnOperatorWhosePasswordNeverComesBack() {
        var shop = onboard();
        var login = "Olga." + randomDigits(6) + "@Shop.example";
        var created = http.post("/api/businesses/" + shop.businessId() + "/console-users", shop.token(),
                Map.of("login", login, "display_name", "Olga", "role", "OPERATOR", "password", "a-long-password-1"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("login").asString()).isEqualTo(login.toLowerCase());
        assertThat(created.json().get("role").asString()).isEqualTo("OPERATOR");
        assertThat(created.body()).doesNotContain("a-long-password-1").doesNotContain("bcrypt");

        var listed = http.get("/api/businesses/" + shop.businessId() + "/console-users", ADMIN_TOKEN);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().size()).isEqualTo(1);
        assertThat(listed.body()).contains("Olga").doesNotContain("password");
    }

    @Test
    void badInputIsRefusedFieldByFieldAndNothingIsCreated() {
        var shop = onboard();
        var path = "/api/businesses/" + shop.businessId() + "/console-users";
        var refused = http.post(path, shop.token(),
                Map.of("login", "not-an-email", "display_name", " ", "role", "BSP_ADMIN", "password", "short"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(refused.json().get("errors").findValuesAsString("field"))
                .containsExactly("login", "display_name", "password", "role");

        var login = "twice-" + randomDigits(6) + "@shop.example";
        assertThat(http.post(path, shop.token(), Map.of("login", login, "display_name", "A", "role", "OPERATOR",
                "password", "a-long-password-1")).status()).isEqualTo(201);
        var again = http.post(path, shop.token(), Map.of("login", login.toUpperCase(), "display_name", "B",
                "role", "BUSINESS_ADMIN", "password", "a-long-password-2"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("errors").findValuesAsString("field")).containsExactly("login");
        assertThat(http.get(path, shop.token()).json().size()).isEqualTo(1);

        assertThat(http.post(path, shop.token(), "{\"login\": [1]}").status()).isEqualTo(400);
    }

    @Test
    void anotherBusinessCannotSeeOrAddConsoleUsers() {
        var shop = onboard();
        var other = onboard();
        var path = "/api/businesses/" + shop.businessId() + "/console-users";
        assertThat(http.get(path, other.token()).status()).isEqualTo(404);
        assertThat(http.post(path, other.token(), Map.of("login", "x-" + randomDigits(6) + "@shop.example",
                "display_name", "X", "role", "OPERATOR", "password", "a-long-password-1")).status()).isEqualTo(404);
        assertThat(http.get(path, shop.token()).json().size()).isZero();
    }
}
