package io.openwaba.webhooks;

import io.openwaba.messaging.MessageReceived;
import io.openwaba.messaging.MessageStatusChanged;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code messages} field's values as Meta shapes them: inbound messages and statuses. */
final class MessageWebhooks {

    private static final String ERROR_HREF = "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/";

    private MessageWebhooks() {
    }

    static Map<String, Object> inbound(MessageReceived message) {
        var msg = new LinkedHashMap<String, Object>();
        msg.put("from", message.fromWaId());
        msg.put("id", message.wamid());
        msg.put("timestamp", seconds(message.at()));
        msg.put("type", message.type());
        if (message.contextWamid() != null) {
            msg.put("context", Map.of("from", message.businessNumber(), "id", message.contextWamid()));
        }
        msg.put(message.type(), message.content());
        if (message.type().equals("unsupported")) {
            msg.put("errors", List.of(error(131051, "Message type unknown", "Message type is currently not supported.")));
        } else if (message.error() != null) {
            msg.put("errors", List.of(error(message.error().code(), message.error().title(), message.error().details())));
        }
        var contact = new LinkedHashMap<String, Object>();
        contact.put("profile", Map.of("name", message.profileName()));
        contact.put("wa_id", message.fromWaId());
        var value = base(message.businessNumber(), message.phoneNumberId());
        value.put("contacts", List.of(contact));
        value.put("messages", List.of(msg));
        return value;
    }

    static Map<String, Object> status(MessageStatusChanged message) {
        var status = new LinkedHashMap<String, Object>();
        status.put("id", message.wamid());
        status.put("status", message.status());
        status.put("timestamp", seconds(message.at()));
        status.put("recipient_id", message.waId());
        if (message.error() != null) {
            var error = message.error();
            status.put("errors", List.of(error(error.code(), error.title(), error.details())));
        } else {
            if (message.callbackData() != null) {
                status.put("biz_opaque_callback_data", message.callbackData());
            }
            var category = message.pricingCategory() == null ? "service"
                    : message.pricingCategory().toLowerCase(java.util.Locale.ROOT);
            if (message.conversationId() != null) {
                var conversation = new LinkedHashMap<String, Object>();
                conversation.put("id", message.conversationId());
                if (message.status().equals("sent") && message.conversationExpiresAt() != null) {
                    conversation.put("expiration_timestamp", seconds(message.conversationExpiresAt()));
                }
                conversation.put("origin", Map.of("type", category));
                status.put("conversation", conversation);
            }
            var pricing = new LinkedHashMap<String, Object>();
            if (message.pricingCategory() == null) {
                // A free-form reply inside the customer service window is a free service message.
                pricing.put("billable", false);
                pricing.put("pricing_model", "PMP");
                pricing.put("type", "free_customer_service");
            } else {
                pricing.put("billable", true);
                pricing.put("pricing_model", "PMP");
                pricing.put("type", "regular");
            }
            pricing.put("category", category);
            status.put("pricing", pricing);
        }
        var value = base(message.businessNumber(), message.phoneNumberId());
        value.put("statuses", List.of(status));
        return value;
    }

    private static Map<String, Object> error(int code, String title, String details) {
        var error = new LinkedHashMap<String, Object>();
        error.put("code", code);
        error.put("title", title);
        error.put("message", title);
        error.put("error_data", Map.of("details", details));
        error.put("href", ERROR_HREF);
        return error;
    }

    private static LinkedHashMap<String, Object> base(String businessNumber, String phoneNumberId) {
        var value = new LinkedHashMap<String, Object>();
        value.put("messaging_product", "whatsapp");
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("display_phone_number", businessNumber);
        metadata.put("phone_number_id", phoneNumberId);
        value.put("metadata", metadata);
        return value;
    }

    private static String seconds(Instant at) {
        return Long.toString(at.getEpochSecond());
    }
}
