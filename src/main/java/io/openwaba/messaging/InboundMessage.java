package io.openwaba.messaging;

import java.time.Instant;
import java.util.Map;

/**
 * A message a customer wrote to a business number, as the network hands it over: {@code content}
 * is what goes under the {@code type} key of Meta's inbound shape ({@code {"body": "Hi"}} for text, a list
 * of cards for contacts). {@code error} is what went wrong with it on the way (its media could not be
 * downloaded, say), or null.
 */
public record InboundMessage(String wamid, String phoneNumberId, String fromWaId, String profileName, String type,
                             Object content, String contextWamid, Instant at, MessageError error) {

    public InboundMessage(String wamid, String phoneNumberId, String fromWaId, String profileName, String type,
                          Object content, String contextWamid, Instant at) {
        this(wamid, phoneNumberId, fromWaId, profileName, type, content, contextWamid, at, null);
    }
}
