package io.openwaba.messaging;

import java.time.Instant;

/**
 * A customer's message reached a business number and was stored, once per wamid; published in
 * the transaction that stored it. {@code businessNumber} is the number's WhatsApp id (digits);
 * {@code content} is what goes under the {@code type} key of Meta's inbound shape; {@code error},
 * when not null, goes in its {@code errors}.
 */
public record MessageReceived(String wamid, String phoneNumberId, String wabaId, String businessNumber,
                              String fromWaId, String profileName, String type, Object content, String contextWamid,
                              Instant at, MessageError error) {

    public MessageReceived(String wamid, String phoneNumberId, String wabaId, String businessNumber, String fromWaId,
                           String profileName, String type, Object content, String contextWamid, Instant at) {
        this(wamid, phoneNumberId, wabaId, businessNumber, fromWaId, profileName, type, content, contextWamid, at,
                null);
    }
}
