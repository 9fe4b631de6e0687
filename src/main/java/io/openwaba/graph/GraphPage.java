package io.openwaba.graph;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Cursor paging as Graph does it: {@code data} plus {@code paging.cursors}, and an absolute
 * {@code paging.next} only while more items follow (clients GET it verbatim).
 */
public final class GraphPage {

    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;

    private GraphPage() {
    }

    /** One page of {@code items} (already in display order) after or before a cursor. */
    public static <T> Map<String, Object> of(List<T> items, Function<T, String> idOf, Function<T, Object> render,
                                             String limitParam, String after, String before) {
        int limit = parseLimit(limitParam);
        int start = 0;
        if (after != null && !after.isBlank()) {
            start = indexOf(items, idOf, decode(after)) + 1;
        } else if (before != null && !before.isBlank()) {
            start = Math.max(0, indexOf(items, idOf, decode(before)) - limit);
        }
        int end = Math.min(items.size(), start + limit);
        var page = items.subList(Math.min(start, end), end);
        var body = new LinkedHashMap<String, Object>();
        body.put("data", page.stream().map(render).toList());
        if (!page.isEmpty()) {
            var paging = new LinkedHashMap<String, Object>();
            String first = encode(idOf.apply(page.get(0)));
            String last = encode(idOf.apply(page.get(page.size() - 1)));
            paging.put("cursors", Map.of("before", first, "after", last));
            if (end < items.size()) {
                paging.put("next", link("after", last));
            }
            if (start > 0) {
                paging.put("previous", link("before", first));
            }
            body.put("paging", paging);
        }
        return body;
    }

    private static int parseLimit(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit < 1) {
                throw GraphException.invalidParameter("Param limit must be a positive integer.");
            }
            return Math.min(limit, MAX_LIMIT);
        } catch (NumberFormatException e) {
            throw GraphException.invalidParameter("Param limit must be a positive integer.");
        }
    }

    private static <T> int indexOf(List<T> items, Function<T, String> idOf, String id) {
        for (int i = 0; i < items.size(); i++) {
            if (idOf.apply(items.get(i)).equals(id)) {
                return i;
            }
        }
        throw GraphException.invalidParameter("Param after/before is not a valid cursor.");
    }

    private static String link(String param, String cursor) {
        return ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("after").replaceQueryParam("before")
                .replaceQueryParam(param, cursor)
                .build().toUriString();
    }

    private static String encode(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw GraphException.invalidParameter("Param after/before is not a valid cursor.");
        }
    }
}
