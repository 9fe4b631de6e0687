package io.openwaba.templates;

import io.openwaba.graph.GraphBody;
import io.openwaba.graph.GraphException;
import io.openwaba.shared.Decision;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Checks the {@code template} object of a send against the approved template it names: the
 * template must exist in that language and may be sent ({@link TemplateSendRule}: 132001;
 * 132015 paused, 132016 disabled), and its parameters must match in number
 * (132000), type (132012), characters (132007) and length once filled in (132005).
 */
@Service
public class TemplateMessages {

    static final int MAX_BODY_FILLED = 1024;
    private static final Set<String> BODY_TYPES = Set.of("text", "currency", "date_time");
    private static final Set<String> MEDIA_HEADERS = Set.of("IMAGE", "VIDEO", "DOCUMENT");

    private final TemplateRows rows;

    TemplateMessages(TemplateRows rows) {
        this.rows = rows;
    }

    /**
     * A template a person can send from a form: its body text, with the names of its variables in
     * order ({@code 1}, {@code 2} … or the names of a NAMED template).
     */
    public record Choice(String name, String language, String category, String body, List<String> variables,
                         boolean named) {

        /** The body as the customer will read it, each variable replaced by its value (missing ones stay as they are). */
        public String filled(List<String> values) {
            var names = variables;
            return TemplateContent.PARAMETER.matcher(body).replaceAll(match -> {
                int at = names.indexOf(match.group(1));
                var value = at >= 0 && at < values.size() && !values.get(at).isBlank() ? values.get(at) : match.group();
                return java.util.regex.Matcher.quoteReplacement(value);
            });
        }
    }

    /**
     * The WABA's templates that can be sent now and take no parameters but the body's text
     * (no media header, no button to fill): the ones a form of text fields can send.
     */
    public List<Choice> choices(String wabaId) {
        return rows.ofWaba(wabaId).stream()
                .filter(t -> TemplateSendRule.check(t.status(), t.content().name(), t.content().language()).allowed())
                .filter(t -> onlyBodyParameters(t.content()))
                .map(t -> new Choice(t.content().name(), t.content().language(), t.content().category(),
                        t.content().bodyText(), TemplateContent.parameters(t.content().bodyText()),
                        "NAMED".equals(t.content().parameterFormat())))
                .toList();
    }

    /** The body a template message showed its customer, from the {@code template} object it was sent with. */
    @SuppressWarnings("unchecked")
    public java.util.Optional<String> bodyAsSent(String wabaId, Map<String, Object> template) {
        var name = template.get("name") instanceof String n ? n : null;
        var language = template.get("language") instanceof Map<?, ?> l && l.get("code") instanceof String code ? code : null;
        if (name == null || language == null) {
            return java.util.Optional.empty();
        }
        return rows.find(wabaId, name, language).map(t -> {
            var variables = TemplateContent.parameters(t.content().bodyText());
            boolean named = "NAMED".equals(t.content().parameterFormat());
            var values = new ArrayList<String>(java.util.Collections.nCopies(variables.size(), ""));
            var components = template.get("components") instanceof List<?> list ? list : List.of();
            for (Object component : components) {
                if (component instanceof Map<?, ?> c && "body".equals(c.get("type"))
                        && c.get("parameters") instanceof List<?> parameters) {
                    for (int i = 0; i < parameters.size(); i++) {
                        var parameter = (Map<String, Object>) parameters.get(i);
                        int at = named ? variables.indexOf(String.valueOf(parameter.get("parameter_name"))) : i;
                        if (at >= 0 && at < values.size()) {
                            values.set(at, parameterText(parameter));
                        }
                    }
                }
            }
            return new Choice(name, language, t.content().category(), t.content().bodyText(), variables, named)
                    .filled(values);
        });
    }

    @SuppressWarnings("unchecked")
    private static String parameterText(Map<String, Object> parameter) {
        return switch (String.valueOf(parameter.get("type"))) {
            case "text" -> String.valueOf(parameter.get("text"));
            case "currency", "date_time" -> parameter.get(parameter.get("type")) instanceof Map<?, ?> value
                    ? String.valueOf(value.get("fallback_value")) : "";
            default -> "";
        };
    }

    @SuppressWarnings("unchecked")
    private static boolean onlyBodyParameters(TemplateContent content) {
        var header = content.component("HEADER");
        if (header != null && (MEDIA_HEADERS.contains(String.valueOf(header.get("format")))
                || "LOCATION".equals(header.get("format"))
                || !TemplateContent.parameters((String) header.get("text")).isEmpty())) {
            return false;
        }
        var buttons = content.component("BUTTONS");
        if (buttons == null) {
            return true;
        }
        return ((List<Map<String, Object>>) buttons.get("buttons")).stream().noneMatch(button ->
                ("URL".equals(button.get("type")) && !TemplateContent.parameters((String) button.get("url")).isEmpty())
                        || "COPY_CODE".equals(button.get("type")) || "OTP".equals(button.get("type")));
    }

    public PreparedTemplate prepare(String wabaId, GraphBody request) {
        var name = request.requiredString("name").trim();
        var language = request.requiredObject("language");
        var code = language.requiredString("code").trim();
        var template = rows.find(wabaId, name, code)
                .orElseThrow(() -> error(HttpStatus.NOT_FOUND, 132001, "Template name does not exist in the translation",
                        "template name (" + name + ") does not exist in " + code));
        if (TemplateSendRule.check(template.status(), name, code) instanceof Decision.Refused refused) {
            throw GraphException.of(refused.error());
        }
        var given = new LinkedHashMap<String, GraphBody>();
        var components = new ArrayList<Map<String, Object>>();
        for (GraphBody component : request.objects("components").orElse(List.of())) {
            var type = component.requiredString("type").toLowerCase(Locale.ROOT);
            var key = type.equals("button") ? "button/" + index(component) : type;
            if (given.put(key, component) != null) {
                throw mismatch("Param components has two " + key + " components.");
            }
        }
        var content = template.content();
        header(content, given.remove("header"), components);
        body(content, given.remove("body"), components);
        buttons(content, given, components);
        if (!given.isEmpty()) {
            throw mismatch("The template has no " + String.join(", ", given.keySet()) + " taking parameters.");
        }
        var payload = new LinkedHashMap<String, Object>();
        payload.put("name", name);
        payload.put("language", Map.of("policy", "deterministic", "code", code));
        if (!components.isEmpty()) {
            payload.put("components", components);
        }
        return new PreparedTemplate(template.id(), content.category(), payload);
    }

    private static void header(TemplateContent content, GraphBody given, List<Map<String, Object>> out) {
        var header = content.component("HEADER");
        var format = header == null ? null : (String) header.get("format");
        int expected = header == null ? 0 : "TEXT".equals(format)
                ? TemplateContent.parameters((String) header.get("text")).size() : 1;
        if ("LOCATION".equals(format) || MEDIA_HEADERS.contains(format == null ? "" : format)) {
            expected = 1;
        }
        var parameters = parameters(given, "header", expected);
        if (parameters.isEmpty()) {
            return;
        }
        var parameter = parameters.get(0);
        var type = parameter.requiredString("type").toLowerCase(Locale.ROOT);
        var wanted = "TEXT".equals(format) ? "text" : format.toLowerCase(Locale.ROOT);
        if (!type.equals(wanted)) {
            throw formatMismatch("Param header parameter must be of type " + wanted + " for this template; got " + type + ".");
        }
        Map<String, Object> value;
        if (type.equals("text")) {
            value = Map.of("type", "text", "text", text(parameter, "text"));
        } else if (type.equals("location")) {
            var location = parameter.requiredObject("location");
            value = Map.of("type", "location", "location", Map.of("latitude", location.number("latitude").orElseThrow(() ->
                    GraphException.missingParameter("Param location['latitude'] is required.")),
                    "longitude", location.number("longitude").orElseThrow(() ->
                            GraphException.missingParameter("Param location['longitude'] is required."))));
        } else {
            var media = parameter.requiredObject(type);
            if (media.has("id") == media.has("link")) {
                throw formatMismatch("Param header " + type + " needs exactly one of id and link.");
            }
            value = Map.of("type", type, type, media.has("id") ? Map.of("id", media.requiredString("id"))
                    : Map.of("link", media.requiredString("link")));
        }
        out.add(Map.of("type", "header", "parameters", List.of(value)));
    }

    private static void body(TemplateContent content, GraphBody given, List<Map<String, Object>> out) {
        var text = content.bodyText();
        var variables = TemplateContent.parameters(text);
        var parameters = parameters(given, "body", variables.size());
        if (parameters.isEmpty()) {
            return;
        }
        var named = content.parameterFormat().equals("NAMED");
        var values = new LinkedHashMap<String, String>();
        var rendered = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < parameters.size(); i++) {
            var parameter = parameters.get(i);
            var type = parameter.requiredString("type").toLowerCase(Locale.ROOT);
            if (!BODY_TYPES.contains(type)) {
                throw formatMismatch("Param body parameter " + (i + 1) + " must be text, currency or date_time; got "
                        + type + ".");
            }
            String value;
            Map<String, Object> canonical = new LinkedHashMap<>();
            canonical.put("type", type);
            switch (type) {
                case "text" -> {
                    value = text(parameter, "text");
                    canonical.put("text", value);
                }
                case "currency" -> {
                    var currency = parameter.requiredObject("currency");
                    value = currency.requiredString("fallback_value");
                    canonical.put("currency", Map.of("fallback_value", value, "code", currency.requiredString("code"),
                            "amount_1000", currency.number("amount_1000").map(Double::longValue).orElseThrow(() ->
                                    GraphException.missingParameter("Param currency['amount_1000'] is required."))));
                }
                default -> {
                    value = parameter.requiredObject("date_time").requiredString("fallback_value");
                    canonical.put("date_time", Map.of("fallback_value", value));
                }
            }
            var key = named ? parameter.requiredString("parameter_name") : Integer.toString(i + 1);
            if (named) {
                canonical.put("parameter_name", key);
            }
            values.put(key, value);
            rendered.add(canonical);
        }
        if (named && !values.keySet().equals(new HashSet<>(variables))) {
            throw mismatch("Param body parameters name " + values.keySet() + "; the template's variables are "
                    + variables + ".");
        }
        var filled = TemplateContent.PARAMETER.matcher(text).replaceAll(match -> java.util.regex.Matcher.quoteReplacement(
                values.getOrDefault(match.group(1), "")));
        if (filled.codePointCount(0, filled.length()) > MAX_BODY_FILLED) {
            throw error(HttpStatus.BAD_REQUEST, 132005, "Translated text too long",
                    "The body is " + filled.length() + " characters once filled in; at most " + MAX_BODY_FILLED + ".");
        }
        out.add(Map.of("type", "body", "parameters", rendered));
    }

    @SuppressWarnings("unchecked")
    private static void buttons(TemplateContent content, Map<String, GraphBody> given, List<Map<String, Object>> out) {
        var component = content.component("BUTTONS");
        var buttons = component == null ? List.<Map<String, Object>>of() : (List<Map<String, Object>>) component.get("buttons");
        for (int index = 0; index < buttons.size(); index++) {
            var button = buttons.get(index);
            var type = (String) button.get("type");
            var parameters = given.remove("button/" + index);
            boolean required = ("URL".equals(type) && !TemplateContent.parameters((String) button.get("url")).isEmpty())
                    || "COPY_CODE".equals(type) || "OTP".equals(type);
            if (parameters == null) {
                if (required) {
                    throw mismatch("Param components needs a button component for button " + index + " (" + type + ").");
                }
                continue;
            }
            var subType = parameters.requiredString("sub_type").toLowerCase(Locale.ROOT);
            var wanted = switch (type) {
                case "QUICK_REPLY" -> "quick_reply";
                case "URL", "OTP" -> "url";
                case "COPY_CODE" -> "copy_code";
                default -> "none";
            };
            if (!subType.equals(wanted)) {
                throw formatMismatch("Param button " + index + " has sub_type " + subType + "; the template's button "
                        + index + " is " + type + " (sub_type " + wanted + ").");
            }
            var list = parameters(parameters, "button " + index, 1);
            var parameter = list.get(0);
            var parameterType = parameter.requiredString("type").toLowerCase(Locale.ROOT);
            Map<String, Object> value = switch (subType) {
                case "quick_reply" -> Map.of("type", "payload", "payload", expect(parameterType, "payload", parameter));
                case "copy_code" -> Map.of("type", "coupon_code", "coupon_code", expect(parameterType, "coupon_code", parameter));
                default -> Map.of("type", "text", "text", expect(parameterType, "text", parameter));
            };
            out.add(Map.of("type", "button", "sub_type", subType, "index", Integer.toString(index),
                    "parameters", List.of(value)));
        }
    }

    private static String expect(String given, String wanted, GraphBody parameter) {
        if (!given.equals(wanted)) {
            throw formatMismatch("Param button parameter must be of type " + wanted + "; got " + given + ".");
        }
        return text(parameter, wanted);
    }

    /** The index of a button component, given as a number or a string. */
    private static int index(GraphBody component) {
        var raw = component.string("index").orElseThrow(() ->
                GraphException.missingParameter("Param index of a button component is required."));
        try {
            int index = Integer.parseInt(raw.trim());
            if (index >= 0 && index < 10) {
                return index;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw GraphException.invalidParameter("Param index must be a button position from 0 to 9; got '" + raw + "'.");
    }

    private static List<GraphBody> parameters(GraphBody component, String where, int expected) {
        var parameters = component == null ? List.<GraphBody>of() : component.objects("parameters").orElse(List.of());
        if (parameters.size() != expected) {
            throw mismatch("Number of parameters does not match the expected number of params: " + where
                    + " takes " + expected + ", got " + parameters.size() + ".");
        }
        return parameters;
    }

    /** Text parameters may not hold new lines, tabs or more than four spaces in a row. */
    private static String text(GraphBody parameter, String field) {
        var value = parameter.requiredString(field);
        if (value.contains("\n") || value.contains("\t") || value.contains("     ")) {
            throw error(HttpStatus.BAD_REQUEST, 132007, "Template Format Character Policy Violated",
                    "Param " + parameter.param(field) + " cannot have new-line/tab characters or more than 4 consecutive spaces.");
        }
        return value;
    }

    private static GraphException mismatch(String details) {
        return error(HttpStatus.BAD_REQUEST, 132000, "Number of parameters does not match the expected number of params",
                details);
    }

    private static GraphException formatMismatch(String details) {
        return error(HttpStatus.BAD_REQUEST, 132012, "Parameter format does not match format in the created template",
                details);
    }

    private static GraphException error(HttpStatus status, int code, String title, String details) {
        return GraphException.whatsapp(status, code, title, details);
    }
}
