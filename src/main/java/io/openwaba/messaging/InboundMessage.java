package io.openwaba.messaging;

import java.time.Instant;
import java.util.Map;

/**
 * A message a customer wrote to a business number, as the network hands it over: {@code content}
 * is what goes under the {@code type} key of Meta's inbound shape ({@code {"body": "Hi"}} for text, a list
 * of cards for contacts).
 */
public record InboundMessage(String wamid, String phoneNumberId, String fromWaId, String profileName, String type,
                             Object content, String contextWamid, Instant at) {
}
