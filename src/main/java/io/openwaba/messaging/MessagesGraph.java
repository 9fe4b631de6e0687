package io.openwaba.messaging;

import io.openwaba.graph.GraphApi;
import io.openwaba.graph.GraphBody;
import io.openwaba.shared.Caller;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@GraphApi
@RestController
class MessagesGraph {

    private final Messaging messaging;

    MessagesGraph(Messaging messaging) {
        this.messaging = messaging;
    }

    @PostMapping({GraphApi.VERSION + "/{phoneNumberId}/messages", "/{phoneNumberId:\\d+}/messages"})
    Map<String, Object> send(Caller caller, @PathVariable String phoneNumberId, GraphBody body) {
        return messaging.send(caller, phoneNumberId, body);
    }
}
