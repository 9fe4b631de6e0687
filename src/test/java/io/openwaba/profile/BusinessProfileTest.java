package io.openwaba.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.PlatformTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BusinessProfileTest extends PlatformTest {

    private Tenant tenant;

    @BeforeEach
    void setUp() {
        tenant = onboard();
    }

    @Test
    void aNewNumberAnswersItsVerticalAndNothingElse() {
        var profile = http.get(path(), tenant.token());

        assertThat(profile.status()).as(profile.body()).isEqualTo(200);
        assertThat(profile.json().get("data").get(0).toString())
                .isEqualTo("{\"messaging_product\":\"whatsapp\",\"vertical\":\"UNDEFINED\"}");
    }

    @Test
    void everyFieldIsSavedShownToCustomersAndKeptWhenOthersChange() {
        var updated = http.post(path(), tenant.token(), Map.of("messaging_product", "whatsapp",
                "about", "Fresh bread daily", "address", "Hauptstr. 1, Berlin", "description", "Bakery since 1921",
                "email", "hello@bakery.example", "websites", List.of("https://bakery.example", "http://shop.bakery.example"),
                "vertical", "grocery"));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("success").asBoolean()).isTrue();

        http.post(path(), tenant.token(), Map.of("messaging_product", "whatsapp", "about", "Closed on Sundays"));

        var data = http.get(path() + "?fields=about,websites,vertical,email", tenant.token()).json().get("data").get(0);
        assertThat(data.get("about").asString()).isEqualTo("Closed on Sundays");
        assertThat(data.get("email").asString()).isEqualTo("hello@bakery.example");
        assertThat(data.get("websites").get(1).asString()).isEqualTo("http://shop.bakery.example");
        assertThat(data.get("vertical").asString()).isEqualTo("GROCERY");
        assertThat(data.has("address")).as("not requested").isFalse();

        var card = http.get("/sandbox/businesses/" + tenant.phoneNumberId(), null).json();
        assertThat(card.get("about").asString()).isEqualTo("Closed on Sundays");
        assertThat(card.get("description").asString()).isEqualTo("Bakery since 1921");
        assertThat(card.get("verified_name").asString()).isEqualTo("Shop");
    }

    static Stream<Arguments> badProfiles() {
        return Stream.of(
                Arguments.of(Map.of("messaging_product", "whatsapp", "about", "a".repeat(140)), "about must be at most 139"),
                Arguments.of(Map.of("messaging_product", "whatsapp", "about", ""), "cannot be empty"),
                Arguments.of(Map.of("messaging_product", "whatsapp", "address", "a".repeat(257)), "address must be at most 256"),
                Arguments.of(Map.of("messaging_product", "whatsapp", "description", "d".repeat(513)), "description must be at most 512"),
                Arguments.of(Map.of("messaging_product", "whatsapp", "email", "not-an-email"), "email must be an email address"),
                Arguments.of(Map.of("messaging_product", "whatsapp", "email", "a".repeat(120) + "@x.example"), "email must be at most 128"),
                Arguments.of(Map.of("messaging_product", "whatsapp", "websites", List.of("https://a.io", "https://b.io", "https://c.io")),
                        "at most 2 entries"),
                Arguments.of(Map.of("messaging_product", "whatsapp", "websites", List.of("ftp://a.io")), "websites[0] must be an http"),
                Arguments.of(Map.of("messaging_product", "whatsapp", "vertical", "SPACESHIPS"), "vertical must be one of"),
                Arguments.of(Map.of("messaging_product", "whatsapp", "profile_picture_handle", "123456789012345"),
                        "profile_picture_handle must be the id of a JPEG or PNG image"),
                Arguments.of(Map.of("about", "no product"), "messaging_product"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badProfiles")
    void badFieldsAreRefusedAndChangeNothing(Map<String, Object> body, String message) {
        http.post(path(), tenant.token(), Map.of("messaging_product", "whatsapp", "about", "Before"));

        var refused = http.post(path(), tenant.token(), body);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo(100);
        assertThat(refused.json().at("/error/message").asString()).contains(message);
        assertThat(http.get(path(), tenant.token()).json().at("/data/0/about").asString()).isEqualTo("Before");
    }

    @Test
    void anUploadedImageBecomesTheProfilePicture() {
        byte[] jpeg = java.util.Arrays.copyOf(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, 256);
        var mediaId = uploadMedia(tenant, "logo.jpg", "image/jpeg", jpeg).json().get("id").asString();

        var updated = http.post(path(), tenant.token(), Map.of("messaging_product", "whatsapp",
                "profile_picture_handle", mediaId));

        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        var url = http.get(path(), tenant.token()).json().at("/data/0/profile_picture_url").asString();
        assertThat(url).endsWith("/media/" + mediaId);
        assertThat(http.get(url.substring(url.indexOf("/media/")), tenant.token()).status()).isEqualTo(200);
    }

    @Test
    void anotherBusinessCannotReadOrChangeTheProfile() {
        var other = onboard();

        assertThat(http.get(path(), other.token()).errorCode()).isEqualTo(100);
        assertThat(http.post(path(), other.token(), Map.of("messaging_product", "whatsapp", "about", "x")).errorCode())
                .isEqualTo(100);
    }

    private String path() {
        return "/v21.0/" + tenant.phoneNumberId() + "/whatsapp_business_profile";
    }
}
