package io.openwaba.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A template's checked content: what the reviewer reads and what sends will fill in. */
record TemplateContent(String name, String language, String category, boolean allowCategoryChange,
                       String parameterFormat, List<Map<String, Object>> components) {

    static final Pattern PARAMETER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

    /** The component of that type ({@code HEADER}, {@code BODY} …), if the template has one. */
    @SuppressWarnings("unchecked")
    Map<String, Object> component(String type) {
        return components.stream().filter(c -> type.equals(c.get("type"))).findFirst().orElse(null);
    }

    String bodyText() {
        var body = component("BODY");
        return body == null || body.get("text") == null ? "" : (String) body.get("text");
    }

    static List<String> parameters(String text) {
        var names = new ArrayList<String>();
        var matcher = PARAMETER.matcher(text == null ? "" : text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
