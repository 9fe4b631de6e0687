package io.openwaba.messaging;

import io.openwaba.graph.GraphApi;
import io.openwaba.graph.GraphBody;
import io.openwaba.graph.GraphException;
import io.openwaba.numbers.PhoneNumbers;
import io.openwaba.shared.Caller;
import io.openwaba.shared.Decision;
import io.openwaba.shared.OrderedMaps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /{phone-number-id}/messages}: the Graph body becomes a {@link SendCommand} (or a
 * mark-as-read), the answer Meta's JSON, a refusal Meta's error envelope.
 */
@GraphApi
@RestController
class MessagesGraph {

    private final PhoneNumbers numbers;
    private final MessageSender sender;
    private final ReadReceipts readReceipts;
    private final SendRequestParser parser = new SendRequestParser();

    MessagesGraph(PhoneNumbers numbers, MessageSender sender, ReadReceipts readReceipts) {
        this.numbers = numbers;
        this.sender = sender;
        this.readReceipts = readReceipts;
    }

    @PostMapping({GraphApi.VERSION + "/{phoneNumberId}/messages", "/{phoneNumberId:\\d+}/messages"})
    Map<String, Object> send(Caller caller, @PathVariable String phoneNumberId, GraphBody body) {
        var number = numbers.find(caller, phoneNumberId)
                .orElseThrow(() -> GraphException.unknownObject(phoneNumberId, "post"));
        if (body.has("status")) {
            var read = parser.parseRead(body);
            if (readReceipts.markRead(number.id(), read.messageId(), read.typing()) instanceof Decision.Refused refused) {
                throw GraphException.of(refused.error());
            }
            return Map.of("success", true);
        }
        var command = parser.parse(number.id(), body, caller.tokenId());
        var result = sender.send(command);
        if (result instanceof SendResult.Refused refused) {
            throw GraphException.of(refused.refusal().error());
        }
        var accepted = (SendResult.Accepted) result;
        var response = new LinkedHashMap<String, Object>();
        response.put("messaging_product", "whatsapp");
        var contact = new LinkedHashMap<String, Object>();
        contact.put("input", command.to());
        contact.put("wa_id", accepted.waId());
        response.put("contacts", List.of(contact));
        response.put("messages", List.of(OrderedMaps.of("id", accepted.wamid(), "message_status", "accepted")));
        return response;
    }
}
