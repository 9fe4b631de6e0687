package io.openwaba.network.sandbox;

import io.openwaba.network.OnSandbox;
import io.openwaba.catalog.Catalogs;
import io.openwaba.media.Media;
import io.openwaba.media.MediaKind;
import io.openwaba.media.MediaObject;
import io.openwaba.media.MediaUnavailable;
import io.openwaba.messaging.InboundMessage;
import io.openwaba.messaging.InboundMessages;
import io.openwaba.numbers.PhoneNumber;
import io.openwaba.numbers.PhoneNumbers;
import io.openwaba.numbers.WaId;
import io.openwaba.profile.BusinessProfiles;
import io.openwaba.qr.QrCodes;
import io.openwaba.shared.ApiProblem;
import io.openwaba.shared.RandomIds;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** What simulated customers do: join the network, write to businesses, block them. */
@OnSandbox
@Service
public class SandboxNetwork {

    private final NetworkRows rows;
    private final PhoneNumbers numbers;
    private final InboundMessages inbound;
    private final Clock clock;
    private final Media media;
    private final BusinessProfiles profiles;
    private final QrCodes qrCodes;
    private final Catalogs catalogs;
    private final JsonMapper json = JsonMapper.builder().build();

    SandboxNetwork(NetworkRows rows, PhoneNumbers numbers, InboundMessages inbound, Clock clock, Media media,
                   BusinessProfiles profiles, QrCodes qrCodes, Catalogs catalogs) {
        this.catalogs = catalogs;
        this.media = media;
        this.qrCodes = qrCodes;
        this.profiles = profiles;
        this.rows = rows;
        this.numbers = numbers;
        this.inbound = inbound;
        this.clock = clock;
    }

    @Transactional
    public Customer join(String number, String name, String country) {
        var waId = WaId.parse(number, null).orElseThrow(() -> ApiProblem.badRequest(
                "wa_id is not a valid international phone number: " + number));
        if (country != null && !country.isBlank() && !country.equalsIgnoreCase(waId.country())) {
            throw ApiProblem.badRequest("wa_id " + waId.digits() + " is a number of " + waId.country()
                    + ", not of " + country);
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ApiProblem.badRequest("name is required and at most 200 characters long");
        }
        var customer = new Customer(waId.digits(), name.trim(), waId.country(), clock.instant());
        if (!rows.insertCustomer(customer)) {
            throw ApiProblem.conflict("customer " + waId.digits() + " is already on the network");
        }
        return customer;
    }

    public List<Customer> customers() {
        return rows.customers();
    }

    public Customer customer(String waId) {
        return rows.customer(digits(waId)).orElseThrow(() -> ApiProblem.notFound("customer", waId));
    }

    @Transactional
    public void leave(String waId) {
        rows.deleteCustomer(customer(waId).waId());
    }

    /**
     * The customer writes to a business number ({@code to}: its phone-number id); {@code content}
     * is the object under the message's {@code type} key, already checked.
     */
    @Transactional
    public ChatMessage write(String waId, String to, String type, Object content, String contextWamid) {
        var customer = customer(waId);
        var number = business(to);
        if (content instanceof CustomerMessages.MediaFile file) {
            content = received(number, type, file);
        } else if (content instanceof CustomerMessages.OrderRequest order) {
            content = priced(number, order);
        }
        var wamid = "wamid." + RandomIds.timeOrdered("HBgM", 44);
        var now = clock.instant();
        var payload = new LinkedHashMap<String, Object>();
        payload.put("type", type);
        payload.put(type, content);
        var line = json.writeValueAsString(payload);
        rows.insertChat(List.of(new NetworkRows.ChatRow(wamid, customer.waId(), number.id(), "sent", type, line,
                "sent", now)));
        inbound.receive(new InboundMessage(wamid, number.id(), customer.waId(), customer.name(), type, content,
                contextWamid, now));
        return new ChatMessage(wamid, number.id(), "sent", type, line, "sent", now);
    }

    /** The order as WhatsApp reports it: each item with the catalog's price and currency. */
    private Map<String, Object> priced(PhoneNumber number, CustomerMessages.OrderRequest order) {
        var items = new java.util.ArrayList<Map<String, Object>>();
        for (var item : order.items()) {
            var retailerId = (String) item.get("product_retailer_id");
            var product = catalogs.product(number.wabaId(), order.catalogId(), retailerId).orElseThrow(() ->
                    ApiProblem.badRequest("product " + retailerId + " is not in catalog " + order.catalogId()
                            + " of the business"));
            var priced = new LinkedHashMap<String, Object>(item);
            priced.put("item_price", product.price());
            priced.put("currency", product.currency());
            items.add(priced);
        }
        var out = new LinkedHashMap<String, Object>();
        out.put("catalog_id", order.catalogId());
        if (order.text() != null) {
            out.put("text", order.text());
        }
        out.put("product_items", items);
        return out;
    }

    /** The customer's phone uploads the file; the business gets a media id it can download. */
    private Map<String, Object> received(PhoneNumber number, String type, CustomerMessages.MediaFile file) {
        var kind = MediaKind.ofMessageType(type).orElseThrow();
        MediaObject stored;
        try {
            stored = media.receive(number.businessId(), number.id(), file.filename(), file.data(), kind);
        } catch (MediaUnavailable refused) {
            throw ApiProblem.badRequest(type + ".data: " + refused.getMessage());
        }
        var out = new LinkedHashMap<String, Object>();
        out.put("id", stored.id());
        out.put("mime_type", kind == MediaKind.AUDIO && stored.mimeType().equals("audio/ogg")
                ? "audio/ogg; codecs=opus" : stored.mimeType());
        out.put("sha256", stored.sha256());
        out.putAll(file.extras());
        if (kind == MediaKind.STICKER) {
            out.put("animated", media.isAnimated(file.data()));
        }
        return out;
    }

    /** A short link or QR code opens the chat with its message typed; the customer sends it. */
    @Transactional
    public ChatMessage openLink(String waId, String url) {
        var qr = qrCodes.resolve(url).orElseThrow(() -> ApiProblem.notFound("short link", url));
        return write(waId, qr.phoneNumberId(), "text", Map.of("body", qr.prefilledMessage()), null);
    }

    /** What a customer sees when opening a business number's profile. */
    public Map<String, Object> businessCard(String phoneNumberId) {
        var number = business(phoneNumberId);
        var profile = profiles.of(number);
        var card = new LinkedHashMap<String, Object>();
        card.put("phone_number_id", number.id());
        card.put("display_phone_number", number.displayPhoneNumber());
        card.put("verified_name", number.verifiedName());
        card.put("official_business_account", number.officialBusinessAccount());
        card.put("about", profile.about());
        card.put("address", profile.address());
        card.put("description", profile.description());
        card.put("email", profile.email());
        card.put("websites", profile.websites());
        card.put("vertical", profile.vertical());
        card.put("profile_picture_media_id", profile.pictureMediaId());
        return card;
    }

    public List<ChatMessage> chat(String waId, int limit) {
        return rows.chat(customer(waId).waId(), limit);
    }

    @Transactional
    public void block(String waId, String to) {
        var customer = customer(waId);
        var number = business(to);
        rows.block(customer.waId(), number.id(), clock.instant());
        inbound.customerFeedback(number.id(), customer.waId(), "BLOCK");
    }

    /** The customer reports the business as spam, which blocks it too; both count against its latest template. */
    @Transactional
    public void report(String waId, String to) {
        var customer = customer(waId);
        var number = business(to);
        rows.block(customer.waId(), number.id(), clock.instant());
        inbound.customerFeedback(number.id(), customer.waId(), "REPORT");
    }

    @Transactional
    public void unblock(String waId, String to) {
        rows.unblock(customer(waId).waId(), business(to).id());
    }

    /** The business numbers showing this customer a typing indicator now (sandbox clock). */
    public List<String> typingNumbers(String waId) {
        return rows.typingNumbers(customer(waId).waId(), clock.instant());
    }

    public List<String> blockedNumbers(String waId) {
        return rows.blockedNumbers(customer(waId).waId());
    }

    private PhoneNumber business(String to) {
        if (to == null || to.isBlank()) {
            throw ApiProblem.badRequest("the business's phone-number id is required");
        }
        return numbers.find(to.trim()).orElseThrow(() -> ApiProblem.notFound("business phone number", to));
    }

    private static String digits(String waId) {
        return waId == null ? "" : waId.replaceAll("[^0-9]", "");
    }
}
