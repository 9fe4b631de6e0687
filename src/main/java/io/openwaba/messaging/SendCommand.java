package io.openwaba.messaging;

/**
 * One outbound message for {@link MessageSender#send}: from a business number to a recipient (a
 * WhatsApp id or any phone number format), its content, optionally in reply to a message
 * ({@code replyTo}, a wamid) and with data for the business's own status webhooks
 * ({@code callbackData}). {@code origin} and {@code actor} say who sends: the token, operator,
 * flow or campaign id.
 */
public record SendCommand(String phoneNumberId, String to, MessageContent content, String replyTo,
                          String callbackData, Origin origin, String actor) {

    public static SendCommand of(String phoneNumberId, String to, MessageContent content, Origin origin, String actor) {
        return new SendCommand(phoneNumberId, to, content, null, null, origin, actor);
    }

    public SendCommand inReplyTo(String wamid) {
        return new SendCommand(phoneNumberId, to, content, wamid, callbackData, origin, actor);
    }
}
