package io.openwaba.messaging;

import io.openwaba.numbers.PhoneNumber;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code messages} field's values as Meta shapes them: inbound messages and statuses. */
final class MessageWebhooks {

    private static final String ERROR_HREF = "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/";

    private MessageWebhooks() {
    }

    static Map<String, Object> inbound(PhoneNumber number, InboundMessage message) {
        var msg = new LinkedHashMap<String, Object>();
        msg.put("from", message.fromWaId());
        msg.put("id", message.wamid());
        msg.put("timestamp", seconds(message.at()));
        msg.put("type", message.type());
        if (message.contextWamid() != null) {
            msg.put("context", Map.of("from", number.waId().digits(), "id", message.contextWamid()));
        }
        msg.put(message.type(), message.content());
        if (message.type().equals("unsupported")) {
            msg.put("errors", List.of(error(131051, "Message type unknown", "Message type is currently not supported.")));
        }
        var contact = new LinkedHashMap<String, Object>();
        contact.put("profile", Map.of("name", message.profileName()));
        contact.put("wa_id", message.fromWaId());
        var value = base(number);
        value.put("contacts", List.of(contact));
        value.put("messages", List.of(msg));
        return value;
    }

    static Map<String, Object> status(PhoneNumber number, MessageRows.Tracked message, StatusReport report) {
        var status = new LinkedHashMap<String, Object>();
        status.put("id", message.wamid());
        status.put("status", report.status());
        status.put("timestamp", seconds(report.at()));
        status.put("recipient_id", message.waId());
        if (report.error() != null) {
            var error = report.error();
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
                if (report.status().equals("sent") && message.conversationExpiresAt() != null) {
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
        var value = base(number);
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

    private static LinkedHashMap<String, Object> base(PhoneNumber number) {
        var value = new LinkedHashMap<String, Object>();
        value.put("messaging_product", "whatsapp");
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("display_phone_number", number.waId().digits());
        metadata.put("phone_number_id", number.id());
        value.put("metadata", metadata);
        return value;
    }

    private static String seconds(Instant at) {
        return Long.toString(at.getEpochSecond());
    }
}
