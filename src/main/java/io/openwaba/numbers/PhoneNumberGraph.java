package io.openwaba.numbers;

import io.openwaba.graph.GraphApi;
import io.openwaba.graph.GraphException;
import io.openwaba.graph.GraphFields;
import io.openwaba.graph.GraphNode;
import io.openwaba.graph.GraphPage;
import io.openwaba.shared.Caller;
import io.openwaba.shared.OrderedMaps;
import io.openwaba.tenancy.Tenancy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /{phone-number-id}} and {@code GET /{waba-id}/phone_numbers}, shaped as Meta's. */
@GraphApi
@RestController
class PhoneNumberGraph implements GraphNode {

    private static final List<String> DEFAULT_FIELDS = List.of("verified_name", "code_verification_status",
            "display_phone_number", "quality_rating", "platform_type", "throughput");

    private final PhoneNumbers numbers;
    private final Tenancy tenancy;
    private final PolicyProfile profile;

    PhoneNumberGraph(PhoneNumbers numbers, Tenancy tenancy, PolicyProfile profile) {
        this.numbers = numbers;
        this.tenancy = tenancy;
        this.profile = profile;
    }

    @Override
    public Optional<Object> read(Caller caller, String id, GraphFields fields) {
        return numbers.find(caller, id).map(number -> fields.select(graphFields(number), DEFAULT_FIELDS));
    }

    @GetMapping({GraphApi.VERSION + "/{wabaId}/phone_numbers", "/{wabaId:\\d+}/phone_numbers"})
    Map<String, Object> list(Caller caller, @PathVariable String wabaId,
                             @RequestParam(required = false) String fields,
                             @RequestParam(required = false) String limit,
                             @RequestParam(required = false) String after,
                             @RequestParam(required = false) String before) {
        var waba = tenancy.waba(caller, wabaId).orElseThrow(() -> GraphException.unknownObject(wabaId, "get"));
        var selection = GraphFields.parse(fields);
        return GraphPage.of(numbers.ofWaba(waba.id()), PhoneNumber::id,
                number -> selection.select(graphFields(number), DEFAULT_FIELDS), limit, after, before);
    }

    private Map<String, Object> graphFields(PhoneNumber number) {
        var all = new LinkedHashMap<String, Object>();
        all.put("id", number.id());
        all.put("verified_name", number.verifiedName());
        all.put("code_verification_status", number.codeVerificationStatus().name());
        all.put("display_phone_number", number.displayPhoneNumber());
        all.put("quality_rating", number.qualityRating().name());
        all.put("platform_type", "CLOUD_API");
        all.put("throughput", Map.of("level", number.messagesPerSecond() > 80 ? "HIGH" : "STANDARD"));
        all.put("status", number.status().name());
        all.put("name_status", "APPROVED");
        all.put("messaging_limit_tier", number.messagingLimitTier());
        if (profile.perBusiness()) {
            all.put("whatsapp_business_manager_messaging_limit", number.messagingLimitTier());
        }
        all.put("health_status", healthStatus(number));
        all.put("account_mode", "SANDBOX");
        all.put("is_official_business_account", number.officialBusinessAccount());
        all.put("is_pin_enabled", false);
        all.put("country_code", number.waId().country());
        all.put("last_onboarded_time", number.createdAt().toString());
        return all;
    }

    /** Meta's {@code health_status}: can the number send, and if not fully, why. */
    private static Map<String, Object> healthStatus(PhoneNumber number) {
        var state = switch (number.status()) {
            case CONNECTED, FLAGGED -> "AVAILABLE";
            case RESTRICTED -> "LIMITED";
            case UNVERIFIED, PENDING, OFFLINE -> "BLOCKED";
        };
        var entity = new LinkedHashMap<String, Object>();
        entity.put("entity_type", "PHONE_NUMBER");
        entity.put("id", number.id());
        entity.put("can_send_message", state);
        if (!state.equals("AVAILABLE")) {
            entity.put("errors", List.of(OrderedMaps.of("error_code", state.equals("LIMITED") ? 131048 : 133010,
                    "error_description", "The phone number's status is " + number.status() + ".",
                    "possible_solution", state.equals("LIMITED")
                            ? "Wait until the rolling 24-hour window frees capacity."
                            : "Register the number and wait for its review.")));
        }
        return OrderedMaps.of("can_send_message", state, "entities", List.of(entity));
    }
}
