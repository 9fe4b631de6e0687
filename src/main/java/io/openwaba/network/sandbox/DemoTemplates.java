package io.openwaba.network.sandbox;

import java.util.List;
import java.util.Map;

/** The demo business's approved templates: an order update, a one-time password and an offer. */
final class DemoTemplates {

    static final List<Map<String, Object>> ALL = List.of(
            Map.of("name", "order_update", "language", "en_US", "category", "UTILITY", "components", List.of(
                    Map.of("type", "BODY", "text", "Hi {{1}}, your order {{2}} is now {{3}}. Thank you for shopping with us.",
                            "example", Map.of("body_text", List.of(List.of("Anna", "1042", "on its way")))))),
            Map.of("name", "login_code", "language", "en_US", "category", "AUTHENTICATION", "components", List.of(
                    Map.of("type", "BODY", "add_security_recommendation", true),
                    Map.of("type", "FOOTER", "code_expiration_minutes", 10),
                    Map.of("type", "BUTTONS", "buttons", List.of(
                            Map.of("type", "OTP", "otp_type", "COPY_CODE", "text", "Copy code"))))),
            Map.of("name", "weekend_offer", "language", "en_US", "category", "MARKETING", "components", List.of(
                    Map.of("type", "HEADER", "format", "IMAGE",
                            "example", Map.of("header_handle", List.of("demo-offer-image"))),
                    Map.of("type", "BODY", "text", "Hi {{1}}, this weekend everything in our shop is {{2}} off.",
                            "example", Map.of("body_text", List.of(List.of("Anna", "20%")))),
                    Map.of("type", "FOOTER", "text", "Reply STOP to opt out"),
                    Map.of("type", "BUTTONS", "buttons", List.of(
                            Map.of("type", "URL", "text", "Shop now", "url", "https://demo-shop.example/sale"),
                            Map.of("type", "QUICK_REPLY", "text", "Stop promotions"))))));

    private DemoTemplates() {
    }
}
