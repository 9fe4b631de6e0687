package io.openwaba.inbox;

import io.openwaba.messaging.CustomerChats;
import io.openwaba.messaging.ReadableMessage;
import io.openwaba.messaging.ReadableMessages;
import io.openwaba.messaging.WhatsAppText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/** Turns a chat's messages and timeline into the lines of the conversation view, whatever their type. */
@Component
class ChatLines {

    private final ReadableMessages readable;

    ChatLines(ReadableMessages readable) {
        this.readable = readable;
    }

    List<ChatLine> of(String wabaId, List<CustomerChats.ChatMessage> messages, List<TimelineEntry> timeline) {
        var lines = new ArrayList<ChatLine>();
        for (var m : messages) {
            var shown = readable.read(wabaId, m.type(), m.content());
            lines.add(new ChatLine("m" + m.id(), m.fromCustomer(), m.type(), WhatsAppText.segments(shown.text()),
                    shown.items().stream().map(ReadableMessage.Item::title).toList(), shown.mediaId(), m.status(),
                    m.errorCode(), null, null, null, m.at()));
        }
        timeline.forEach(t -> lines.add(new ChatLine("t" + t.id(), false, "system", List.of(), List.of(), null, null,
                null, t.what(), t.actorName(), t.detail(), t.at())));
        lines.sort(Comparator.comparing(ChatLine::at));
        return lines;
    }
}
