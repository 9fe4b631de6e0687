package io.openwaba.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.PlatformTest;
import io.openwaba.support.TestMail;
import io.openwaba.support.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Template quality from customers' reactions, and the FLAGGED, DISABLED and reinstated lifecycle. */
class TemplateQualityTest extends PlatformTest {

    private Tenant tenant;
    private WebhookReceiver receiver;
    private String templateId;

    @BeforeEach
    void setUp() {
        setUp(onboard());
    }

    private void setUp(Tenant owner) {
        tenant = owner;
        receiver = subscribe(tenant);
        var created = http.post("/v21.0/" + tenant.wabaId() + "/message_templates", tenant.token(), Map.of(
                "name", "spring_sale", "language", "en", "category", "MARKETING",
                "components", List.of(Map.of("type", "BODY", "text", "Our spring collection has arrived in the shop."))));
        templateId = created.json().get("id").asString();
        http.post("/api/templates/" + templateId + "/approve", ADMIN_TOKEN, Map.of());
    }

    @Test
    void spamReportsTurnATemplateRedFlagItAndDisableItAfterSevenDays() {
        var customers = sendToNewCustomers(10);
        eventually(() -> assertThat(quality()).isEqualTo("GREEN"));

        http.post("/sandbox/customers/" + customers.get(0) + "/report", null, Map.of("phone_number_id", tenant.phoneNumberId()));

        eventually(() -> assertThat(status()).isEqualTo("FLAGGED"));
        assertThat(quality()).isEqualTo("RED");
        eventually(() -> assertThat(events("message_template_quality_update")).anySatisfy(value -> {
            assertThat(value.get("previous_quality_score").asString()).isEqualTo("GREEN");
            assertThat(value.get("new_quality_score").asString()).isEqualTo("RED");
        }));
        eventually(() -> assertThat(events("message_template_status_update")).anySatisfy(value ->
                assertThat(value.get("event").asString()).isEqualTo("FLAGGED")));
        assertThat(send(customers.get(1)).status()).as("a FLAGGED template can still be sent").isEqualTo(200);
        eventually(() -> assertThat(mailSubjects()).anySatisfy(subject ->
                assertThat(subject).contains("spring_sale").contains("flagged")));

        advanceClock(Duration.ofDays(7).plusMinutes(1));

        eventually(() -> assertThat(status()).isEqualTo("DISABLED"));
        eventually(() -> assertThat(events("message_template_status_update")).anySatisfy(value ->
                assertThat(value.get("event").asString()).isEqualTo("DISABLED")));
        assertThat(send(customers.get(2)).errorCode()).isEqualTo(132016);
        eventually(() -> assertThat(mailSubjects()).anySatisfy(subject ->
                assertThat(subject).contains("spring_sale").contains("disabled")));
        var outbox = http.get("/api/businesses/" + tenant.businessId() + "/mail", tenant.token()).json();
        assertThat(outbox.valueStream().map(m -> m.get("state").asString()).toList()).containsOnly("SENT");
        assertThat(outbox.get(0).get("to").asString()).isEqualTo("ops@shop.example");
        assertThat(http.get("/api/businesses/" + tenant.businessId() + "/mail", onboard().token()).status()).isEqualTo(404);
        var edit = http.post("/v21.0/" + templateId, tenant.token(), Map.of("components",
                List.of(Map.of("type", "BODY", "text", "Something else entirely for our customers."))));
        assertThat(edit.errorCode()).isEqualTo(100);
    }

    @Test
    void aFlaggedTemplateThatRecoversIsReinstated() {
        var customers = sendToNewCustomers(10);
        http.post("/sandbox/customers/" + customers.get(0) + "/block", null, Map.of("phone_number_id", tenant.phoneNumberId()));
        http.post("/sandbox/customers/" + customers.get(1) + "/report", null, Map.of("phone_number_id", tenant.phoneNumberId()));
        eventually(() -> assertThat(status()).isEqualTo("FLAGGED"));

        advanceClock(Duration.ofHours(25));
        sendToNewCustomers(10);

        eventually(() -> assertThat(status()).isEqualTo("APPROVED"));
        eventually(() -> assertThat(quality()).as("once the new messages are read").isEqualTo("GREEN"));
        eventually(() -> assertThat(events("message_template_status_update")).anySatisfy(value ->
                assertThat(value.get("event").asString()).isEqualTo("REINSTATED")));
    }

    @Test
    void withoutANotificationAddressTheNoticeIsKeptInTheOutbox() {
        setUp(onboard(null));
        var customers = sendToNewCustomers(10);

        http.post("/sandbox/customers/" + customers.get(0) + "/report", null, Map.of("phone_number_id", tenant.phoneNumberId()));

        eventually(() -> assertThat(status()).isEqualTo("FLAGGED"));
        eventually(() -> {
            var outbox = http.get("/api/businesses/" + tenant.businessId() + "/mail", tenant.token()).json();
            assertThat(outbox.size()).isEqualTo(1);
            assertThat(outbox.get(0).get("state").asString()).isEqualTo("KEPT");
            assertThat(outbox.get(0).get("subject").asString()).contains("spring_sale").contains("flagged");
            assertThat(outbox.get(0).get("body").asString()).contains("id " + templateId);
        });
    }

    private List<String> sendToNewCustomers(int count) {
        var customers = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            var customer = newCustomer();
            assertThat(send(customer).status()).isEqualTo(200);
            customers.add(customer);
        }
        return customers;
    }

    private io.openwaba.support.Http.Response send(String customer) {
        return http.post("/v21.0/" + tenant.phoneNumberId() + "/messages", tenant.token(), Map.of(
                "messaging_product", "whatsapp", "to", customer, "type", "template",
                "template", Map.of("name", "spring_sale", "language", Map.of("code", "en"))));
    }

    /** Subjects of the mails about this test's template that the notification address received over SMTP. */
    private List<String> mailSubjects() {
        return TestMail.receivedBy("ops@shop.example").stream().filter(message -> {
            try {
                return message.getContent().toString().contains("id " + templateId);
            } catch (jakarta.mail.MessagingException | java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }).map(message -> {
            try {
                return message.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private String status() {
        return http.get("/v21.0/" + templateId, tenant.token()).json().get("status").asString();
    }

    private String quality() {
        return http.get("/v21.0/" + templateId, tenant.token()).json().at("/quality_score/score").asString();
    }

    private List<tools.jackson.databind.JsonNode> events(String field) {
        return receiver.accepted().stream()
                .filter(d -> d.json().at("/entry/0/changes/0/field").asString().equals(field))
                .map(WebhookReceiver.Delivery::value)
                .filter(v -> v.get("message_template_id").asString().equals(templateId))
                .toList();
    }
}
