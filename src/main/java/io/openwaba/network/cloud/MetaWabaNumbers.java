package io.openwaba.network.cloud;

import io.openwaba.network.AccountUpdateReceived;
import io.openwaba.network.OnCloud;
import io.openwaba.numbers.PhoneNumber;
import io.openwaba.numbers.PhoneNumbers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The openwaba numbers behind a Meta WABA, as Meta's account webhooks name them, and forwarding to their WABAs. */
@OnCloud
@Component
class MetaWabaNumbers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CloudLinks links;
    private final PhoneNumbers numbers;
    private final ApplicationEventPublisher publisher;

    MetaWabaNumbers(CloudLinks links, PhoneNumbers numbers, ApplicationEventPublisher publisher) {
        this.links = links;
        this.numbers = numbers;
        this.publisher = publisher;
    }

    List<PhoneNumber> of(String metaWabaId) {
        return links.numbersOfMetaWaba(metaWabaId).stream().map(numbers::find).flatMap(Optional::stream).toList();
    }

    /** The linked number with this display number ({@code 15550783881}, with or without + and spaces). */
    Optional<PhoneNumber> of(String metaWabaId, String displayPhoneNumber) {
        var digits = displayPhoneNumber == null ? "" : displayPhoneNumber.replaceAll("\\D", "");
        return of(metaWabaId).stream().filter(number -> number.waId().digits().equals(digits)).findFirst();
    }

    /** Meta's value, as Meta sent it, to the webhooks of every WABA among these numbers. */
    void forward(List<PhoneNumber> to, String field, JsonNode value) {
        Map<String, Object> body = JSON.convertValue(value, new TypeReference<Map<String, Object>>() { });
        to.stream().map(PhoneNumber::wabaId).distinct()
                .forEach(wabaId -> publisher.publishEvent(new AccountUpdateReceived(wabaId, field, body)));
    }
}
