package io.openwaba.graph;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A query parameter that takes several values, read as Graph reads it: a JSON array
 * ({@code status=["APPROVED","PENDING"]}, what Meta's SDKs send) or a comma list
 * ({@code status=APPROVED,PENDING}). Values are trimmed and empty ones dropped; a value that
 * starts with {@code [} but is not an array of strings, numbers or booleans is refused with code 100.
 */
public final class GraphList {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GraphList() {
    }

    /** The values of {@code param}; empty when it is absent or blank. */
    public static List<String> parse(String param, String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        var text = raw.trim();
        return text.startsWith("[") ? array(param, text) : commaList(text);
    }

    private static List<String> array(String param, String text) {
        JsonNode array;
        try {
            array = JSON.readTree(text);
        } catch (JacksonException e) {
            throw malformed(param);
        }
        if (array == null || !array.isArray()) {
            throw malformed(param);
        }
        var values = new ArrayList<String>();
        for (JsonNode element : array) {
            if (!element.isValueNode() || element.isNull()) {
                throw malformed(param);
            }
            add(values, element.asString());
        }
        return List.copyOf(values);
    }

    // Commas inside (…) or {…} belong to a field's modifier or nested selection: qr_image_url.format(SVG).
    private static List<String> commaList(String text) {
        var values = new ArrayList<String>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '{') {
                depth++;
            } else if ((c == ')' || c == '}') && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                add(values, text.substring(start, i));
                start = i + 1;
            }
        }
        add(values, text.substring(start));
        return List.copyOf(values);
    }

    private static void add(List<String> values, String value) {
        var trimmed = value.trim();
        if (!trimmed.isEmpty()) {
            values.add(trimmed);
        }
    }

    private static GraphException malformed(String param) {
        return GraphException.invalidParameter("Param " + param
                + " must be a JSON array of strings, such as [\"A\",\"B\"], or a comma-separated list.");
    }
}
