package io.openwaba.profile;

import io.openwaba.graph.GraphBody;
import io.openwaba.graph.GraphException;
import io.openwaba.media.Media;
import io.openwaba.media.MediaKind;
import io.openwaba.numbers.PhoneNumber;
import io.openwaba.shared.HttpUrls;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and changes business profiles within the Cloud API's limits on each field. */
@Service
public class BusinessProfiles {

    static final int MAX_ABOUT = 139;
    static final int MAX_ADDRESS = 256;
    static final int MAX_DESCRIPTION = 512;
    static final int MAX_EMAIL = 128;
    static final int MAX_WEBSITES = 2;
    static final int MAX_WEBSITE = 256;
    static final Set<String> VERTICALS = new TreeSet<>(Set.of("ALCOHOL", "APPAREL", "AUTO", "BEAUTY", "EDU",
            "ENTERTAIN", "EVENT_PLAN", "FINANCE", "GOVT", "GROCERY", "HEALTH", "HOTEL", "NONPROFIT", "ONLINE_GAMBLING",
            "OTC_DRUGS", "OTHER", "PHYSICAL_GAMBLING", "PROF_SERVICES", "RESTAURANT", "RETAIL", "TRAVEL"));
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final ProfileRows rows;
    private final Media media;
    private final Clock clock;

    BusinessProfiles(ProfileRows rows, Media media, Clock clock) {
        this.rows = rows;
        this.media = media;
        this.clock = clock;
    }

    public BusinessProfile of(PhoneNumber number) {
        return rows.find(number.id()).orElse(BusinessProfile.EMPTY);
    }

    /** Sets the whole profile at once, for profiles the platform writes itself (the demo business). */
    @Transactional
    public void replace(PhoneNumber number, BusinessProfile profile) {
        rows.save(number.id(), profile, clock.instant());
    }

    /** Changes the fields the body names and keeps the others; an empty string clears a field. */
    @Transactional
    public void update(PhoneNumber number, GraphBody body) {
        rows.save(number.id(), updated(number, body, true), clock.instant());
    }

    /**
     * The profile as the body would change it, checked but not stored. Without {@code pictureHere}
     * the picture handle belongs to another network (Meta's upload handle) and the picture is kept.
     */
    BusinessProfile updated(PhoneNumber number, GraphBody body, boolean pictureHere) {
        var current = of(number);
        var about = body.has("about") ? text(body, "about", MAX_ABOUT, true) : current.about();
        var address = body.has("address") ? text(body, "address", MAX_ADDRESS, false) : current.address();
        var description = body.has("description") ? text(body, "description", MAX_DESCRIPTION, false)
                : current.description();
        var email = body.has("email") ? email(body) : current.email();
        var websites = body.has("websites") ? websites(body) : current.websites();
        var vertical = body.has("vertical") ? vertical(body) : current.vertical();
        var picture = pictureHere && body.has("profile_picture_handle") ? picture(number, body)
                : current.pictureMediaId();
        return new BusinessProfile(about, address, description, email, websites, vertical, picture);
    }

    private static String text(GraphBody body, String field, int max, boolean required) {
        var value = body.string(field).orElse("");
        if (value.isBlank()) {
            if (required) {
                throw GraphException.invalidParameter("Param " + field + " must be 1 to " + max
                        + " characters long; it cannot be empty.");
            }
            return null;
        }
        if (value.codePointCount(0, value.length()) > max) {
            throw GraphException.invalidParameter("Param " + field + " must be at most " + max + " characters long.");
        }
        return value;
    }

    private static String email(GraphBody body) {
        var email = text(body, "email", MAX_EMAIL, false);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw GraphException.invalidParameter("Param email must be an email address; got '" + email + "'.");
        }
        return email;
    }

    private static List<String> websites(GraphBody body) {
        var given = body.strings("websites").orElse(List.of());
        if (given.size() > MAX_WEBSITES) {
            throw GraphException.invalidParameter("Param websites can have at most " + MAX_WEBSITES
                    + " entries; it has " + given.size() + ".");
        }
        var out = new ArrayList<String>();
        for (int i = 0; i < given.size(); i++) {
            var site = given.get(i).trim();
            if (site.length() > MAX_WEBSITE || !HttpUrls.isHttp(site)) {
                throw GraphException.invalidParameter("Param websites[" + i + "] must be an http or https URL of at most "
                        + MAX_WEBSITE + " characters.");
            }
            out.add(site);
        }
        return out;
    }

    private static String vertical(GraphBody body) {
        var value = body.string("vertical").orElse("").trim().toUpperCase(Locale.ROOT);
        if (value.isEmpty()) {
            return null;
        }
        if (!VERTICALS.contains(value)) {
            throw GraphException.invalidParameter("Param vertical must be one of " + String.join(", ", VERTICALS)
                    + ", or empty; got '" + value + "'.");
        }
        return value;
    }

    /** The handle is the id of an image the business uploaded (resumable upload handles are not built). */
    private String picture(PhoneNumber number, GraphBody body) {
        var handle = body.string("profile_picture_handle").orElse("").trim();
        if (handle.isEmpty()) {
            return null;
        }
        var image = media.usableBy(number.businessId(), handle).filter(m -> MediaKind.IMAGE.accepts(m.mimeType()))
                .orElseThrow(() -> GraphException.invalidParameter("Param profile_picture_handle must be the id of a"
                        + " JPEG or PNG image this business uploaded (POST /{phone-number-id}/media)."));
        return image.id();
    }

}
