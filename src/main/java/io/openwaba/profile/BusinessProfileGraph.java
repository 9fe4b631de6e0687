package io.openwaba.profile;

import io.openwaba.graph.GraphApi;
import io.openwaba.graph.GraphBody;
import io.openwaba.graph.GraphException;
import io.openwaba.graph.GraphFields;
import io.openwaba.numbers.PhoneNumber;
import io.openwaba.numbers.PhoneNumbers;
import io.openwaba.shared.Caller;
import io.openwaba.shared.OrderedMaps;
import io.openwaba.shared.PublicUrls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET/POST /{phone-number-id}/whatsapp_business_profile}, shaped as Meta's. With a
 * {@link ProfileRelay} (cloud mode) reads answer Meta's profile, and an update checked here goes
 * to Meta and is stored here too once Meta accepted it.
 */
@GraphApi
@RestController
class BusinessProfileGraph {

    private static final List<String> FIELDS = List.of("about", "address", "description", "email",
            "profile_picture_url", "websites", "vertical");
    private static final String PATHS = "/{phoneNumberId}/whatsapp_business_profile";

    private final BusinessProfiles profiles;
    private final PhoneNumbers numbers;
    private final PublicUrls urls;
    private final ObjectProvider<ProfileRelay> relay;

    BusinessProfileGraph(BusinessProfiles profiles, PhoneNumbers numbers, PublicUrls urls,
                         ObjectProvider<ProfileRelay> relay) {
        this.profiles = profiles;
        this.numbers = numbers;
        this.urls = urls;
        this.relay = relay;
    }

    /** Set fields only, always with {@code messaging_product} and {@code vertical} (clients read it unconditionally). */
    @GetMapping({GraphApi.VERSION + PATHS, "/{phoneNumberId:\\d+}/whatsapp_business_profile"})
    Object read(Caller caller, @PathVariable String phoneNumberId, @RequestParam(required = false) String fields) {
        var number = visible(caller, phoneNumberId, "get");
        var meta = relay.getIfAvailable();
        if (meta != null) {
            return accepted(meta.read(number, fields));
        }
        var profile = profiles.of(number);
        var all = new LinkedHashMap<String, Object>();
        all.put("about", profile.about());
        all.put("address", profile.address());
        all.put("description", profile.description());
        all.put("email", profile.email());
        if (profile.pictureMediaId() != null) {
            all.put("profile_picture_url", urls.base() + "/media/" + profile.pictureMediaId());
        }
        all.put("websites", profile.websites().isEmpty() ? null : profile.websites());
        var requested = GraphFields.parse(fields).requested();
        var out = new LinkedHashMap<String, Object>();
        for (String name : requested.isEmpty() ? FIELDS : List.copyOf(requested)) {
            if (all.get(name) != null) {
                out.put(name, all.get(name));
            }
        }
        out.put("messaging_product", "whatsapp");
        out.put("vertical", profile.vertical() == null ? "UNDEFINED" : profile.vertical());
        return OrderedMaps.of("data", List.of(out));
    }

    @PostMapping({GraphApi.VERSION + PATHS, "/{phoneNumberId:\\d+}/whatsapp_business_profile"})
    Object update(Caller caller, @PathVariable String phoneNumberId, GraphBody body) {
        var number = visible(caller, phoneNumberId, "post");
        body.requireMessagingProduct();
        var meta = relay.getIfAvailable();
        if (meta == null) {
            profiles.update(number, body);
            return OrderedMaps.of("success", true);
        }
        var updated = profiles.updated(number, body, false);
        var answer = accepted(meta.update(number, body.json()));
        profiles.replace(number, updated);
        return answer;
    }

    private static Object accepted(ProfileRelay.Answer answer) {
        if (answer instanceof ProfileRelay.Answer.Refused refused) {
            throw GraphException.of(refused.error());
        }
        return ((ProfileRelay.Answer.Accepted) answer).body();
    }

    private PhoneNumber visible(Caller caller, String phoneNumberId, String method) {
        return numbers.find(caller, phoneNumberId).orElseThrow(() -> GraphException.unknownObject(phoneNumberId, method));
    }
}
