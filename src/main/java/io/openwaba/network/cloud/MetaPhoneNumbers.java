package io.openwaba.network.cloud;

import io.openwaba.network.OnCloud;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * A WABA's phone numbers as Meta lists them, {@code GET /{meta-waba-id}/phone_numbers}, page by
 * page. The next page is asked for with Meta's {@code after} cursor on the configured Graph URL,
 * never by following {@code paging.next}, which would be a URL chosen by whoever answered.
 */
@OnCloud
@Component
class MetaPhoneNumbers {

    static final String FIELDS = "id,display_phone_number,verified_name,quality_rating";
    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 100;

    record MetaNumber(String id, String displayPhoneNumber, String verifiedName, String qualityRating) {
    }

    sealed interface Listing {
        record Listed(List<MetaNumber> numbers) implements Listing {
        }

        /** Meta answered with an error: its HTTP status and its {@code error} object. */
        record Refused(int status, JsonNode error) implements Listing {
        }
    }

    private final MetaGraph meta;

    MetaPhoneNumbers(MetaGraph meta) {
        this.meta = meta;
    }

    Listing list(String metaWabaId, String token) throws MetaGraph.NotSent, MetaGraph.Unanswered {
        var numbers = new ArrayList<MetaNumber>();
        var cursors = new HashSet<String>();
        String after = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            var path = metaWabaId + "/phone_numbers?fields=" + FIELDS + "&limit=" + PAGE_SIZE
                    + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
            var answer = meta.get(path, token);
            if (!answer.ok()) {
                return new Listing.Refused(answer.status(), answer.body().path("error"));
            }
            for (var number : answer.body().path("data")) {
                numbers.add(new MetaNumber(text(number, "id"), text(number, "display_phone_number"),
                        text(number, "verified_name"), text(number, "quality_rating")));
            }
            var paging = answer.body().path("paging");
            after = text(paging.path("cursors"), "after");
            if (!paging.has("next") || after == null || !cursors.add(after)) {
                break;
            }
        }
        return new Listing.Listed(numbers);
    }

    private static String text(JsonNode node, String field) {
        var value = node.path(field);
        return value.isString() || value.isNumber() ? value.asString() : null;
    }
}
