package io.openwaba.templates;

import io.openwaba.graph.GraphBody;
import io.openwaba.graph.GraphException;
import io.openwaba.shared.HttpUrls;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * Reads a template's create or edit body (name, language, category, components) into canonical
 * content. Structure and limits are checked here and refused at once with code 100 and Meta's
 * subcodes; whether the content is acceptable is the reviewer's call, later.
 */
final class TemplateParser {

    static final int MAX_NAME = 512;
    static final int MAX_HEADER_TEXT = 60;
    static final int MAX_BODY = 1024;
    static final int MAX_FOOTER = 60;
    static final int MAX_BUTTONS = 10;
    static final int MAX_BUTTON_TEXT = 25;
    static final int MAX_URL = 2000;
    static final int MAX_PHONE = 20;
    static final int MAX_COPY_CODE = 15;
    static final Set<String> CATEGORIES = Set.of("MARKETING", "UTILITY", "AUTHENTICATION");
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1," + MAX_NAME + "}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2,4})?");
    private static final Pattern NAMED_PARAMETER = Pattern.compile("[a-z_][a-z0-9_]{0,19}");
    private static final Set<String> HEADER_FORMATS = Set.of("TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION");
    private static final int CHARACTER_LIMIT = 2388040;
    private static final int FORMAT = 2388047;
    private static final int FOOTER_FORMAT = 2388073;

    private TemplateParser() {
    }

    static TemplateContent parse(GraphBody body) {
        var name = body.requiredString("name").trim();
        if (!NAME.matcher(name).matches()) {
            throw invalid(FORMAT, "Param name must be 1 to " + MAX_NAME + " lowercase letters, digits or underscores.");
        }
        var language = body.requiredString("language").trim();
        if (!LANGUAGE.matcher(language).matches()) {
            throw invalid(FORMAT, "Param language must be a language code such as en, en_US or pt_BR; got '"
                    + language + "'.");
        }
        var category = enumValue(body, "category", CATEGORIES);
        var format = body.has("parameter_format") ? enumValue(body, "parameter_format", Set.of("POSITIONAL", "NAMED"))
                : "POSITIONAL";
        var components = components(body, category, format);
        return new TemplateContent(name, language, category, body.bool("allow_category_change").orElse(false), format,
                components);
    }

    /** An edit: new components (and category) for an existing name and language. */
    static TemplateContent edit(TemplateContent current, GraphBody body) {
        var category = body.has("category") ? enumValue(body, "category", CATEGORIES) : current.category();
        var components = body.has("components") ? components(body, category, current.parameterFormat())
                : current.components();
        return new TemplateContent(current.name(), current.language(), category, current.allowCategoryChange(),
                current.parameterFormat(), components);
    }

    private static List<Map<String, Object>> components(GraphBody body, String category, String format) {
        var given = body.objects("components").orElseThrow(() ->
                GraphException.invalidParameter("The parameter components is required."));
        var out = new ArrayList<Map<String, Object>>();
        var seen = new java.util.HashSet<String>();
        for (GraphBody component : given) {
            var type = component.requiredString("type").toUpperCase(Locale.ROOT);
            if (!seen.add(type)) {
                throw invalid(FORMAT, "Param " + component.param("type") + ": a template has at most one " + type + ".");
            }
            out.add(switch (type) {
                case "HEADER" -> header(component, format);
                case "BODY" -> body(component, category, format);
                case "FOOTER" -> footer(component);
                case "BUTTONS" -> buttons(component, category);
                default -> throw invalid(FORMAT, "Param " + component.param("type")
                        + " must be HEADER, BODY, FOOTER or BUTTONS; got '" + type + "'.");
            });
        }
        if (!seen.contains("BODY")) {
            throw invalid(FORMAT, "Param components needs a BODY.");
        }
        return out;
    }

    private static Map<String, Object> header(GraphBody header, String format) {
        var out = new LinkedHashMap<String, Object>();
        out.put("type", "HEADER");
        var headerFormat = enumValue(header, "format", HEADER_FORMATS);
        out.put("format", headerFormat);
        if (headerFormat.equals("TEXT")) {
            var text = limited(header, "text", MAX_HEADER_TEXT, true);
            var parameters = parameters(header, text, format);
            if (parameters.size() > 1) {
                throw invalid(FORMAT, "Param " + header.param("text") + " may hold one variable; it has "
                        + parameters.size() + ".");
            }
            out.put("text", text);
        }
        header.object("example").ifPresent(example -> out.put("example", example.json()));
        return out;
    }

    private static Map<String, Object> body(GraphBody body, String category, String format) {
        var out = new LinkedHashMap<String, Object>();
        out.put("type", "BODY");
        boolean authentication = category.equals("AUTHENTICATION");
        if (!authentication || body.has("text")) {
            var text = limited(body, "text", MAX_BODY, true);
            parameters(body, text, format);
            out.put("text", text);
        }
        if (authentication) {
            out.put("add_security_recommendation", body.bool("add_security_recommendation").orElse(false));
        }
        body.object("example").ifPresent(example -> out.put("example", example.json()));
        return out;
    }

    private static Map<String, Object> footer(GraphBody footer) {
        var out = new LinkedHashMap<String, Object>();
        out.put("type", "FOOTER");
        if (footer.has("code_expiration_minutes")) {
            double minutes = footer.number("code_expiration_minutes").orElseThrow();
            if (minutes < 1 || minutes > 90 || minutes != Math.rint(minutes)) {
                throw invalid(FOOTER_FORMAT, "Param " + footer.param("code_expiration_minutes")
                        + " must be a whole number from 1 to 90.");
            }
            out.put("code_expiration_minutes", (int) minutes);
            return out;
        }
        var text = limited(footer, "text", MAX_FOOTER, true);
        if (!TemplateContent.parameters(text).isEmpty()) {
            throw invalid(FOOTER_FORMAT, "Param " + footer.param("text") + " cannot hold variables.");
        }
        out.put("text", text);
        return out;
    }

    private static Map<String, Object> buttons(GraphBody component, String category) {
        var buttons = component.objects("buttons").orElseThrow(() ->
                GraphException.invalidParameter("Param " + component.param("buttons") + " is required."));
        if (buttons.isEmpty() || buttons.size() > MAX_BUTTONS) {
            throw invalid(FORMAT, "Param " + component.param("buttons") + " must have 1 to " + MAX_BUTTONS + " buttons.");
        }
        var counts = new java.util.HashMap<String, Integer>();
        var out = new ArrayList<Map<String, Object>>();
        for (GraphBody button : buttons) {
            var type = enumValue(button, "type", Set.of("QUICK_REPLY", "URL", "PHONE_NUMBER", "COPY_CODE", "OTP"));
            int count = counts.merge(type, 1, Integer::sum);
            var parsed = new LinkedHashMap<String, Object>();
            parsed.put("type", type);
            switch (type) {
                case "QUICK_REPLY" -> parsed.put("text", limited(button, "text", MAX_BUTTON_TEXT, true));
                case "URL" -> {
                    limitCount(button, type, count, 2);
                    parsed.put("text", limited(button, "text", MAX_BUTTON_TEXT, true));
                    parsed.put("url", url(button));
                    button.strings("example").ifPresent(example -> parsed.put("example", example));
                }
                case "PHONE_NUMBER" -> {
                    limitCount(button, type, count, 1);
                    parsed.put("text", limited(button, "text", MAX_BUTTON_TEXT, true));
                    parsed.put("phone_number", limited(button, "phone_number", MAX_PHONE, true));
                }
                case "COPY_CODE" -> {
                    limitCount(button, type, count, 1);
                    // The example code, given as a string or as a one-element array.
                    var raw = button.json().get("example");
                    var code = raw != null && raw.isArray()
                            ? button.strings("example").orElseThrow().stream().findFirst().orElse("")
                            : button.string("example").orElse("");
                    if (code.isBlank()) {
                        throw GraphException.invalidParameter("Param " + button.param("example") + " is required.");
                    }
                    if (code.length() > MAX_COPY_CODE) {
                        throw invalid(CHARACTER_LIMIT, "Param " + button.param("example") + " must be at most "
                                + MAX_COPY_CODE + " characters long.");
                    }
                    parsed.put("example", code);
                }
                default -> {
                    if (!category.equals("AUTHENTICATION")) {
                        throw invalid(FORMAT, "Param " + button.param("type") + ": OTP buttons belong to"
                                + " AUTHENTICATION templates.");
                    }
                    parsed.put("otp_type", enumValue(button, "otp_type", Set.of("COPY_CODE", "ONE_TAP", "ZERO_TAP")));
                    limitedOptional(button, "text", MAX_BUTTON_TEXT).ifPresent(text -> parsed.put("text", text));
                }
            }
            out.add(parsed);
        }
        var result = new LinkedHashMap<String, Object>();
        result.put("type", "BUTTONS");
        result.put("buttons", out);
        return result;
    }

    private static void limitCount(GraphBody button, String type, int count, int max) {
        if (count > max) {
            throw invalid(FORMAT, "Param " + button.param("type") + ": a template has at most " + max + " " + type
                    + " button" + (max == 1 ? "" : "s") + ".");
        }
    }

    private static String url(GraphBody button) {
        var url = limited(button, "url", MAX_URL, true);
        var variables = TemplateContent.parameters(url);
        if (variables.size() > 1 || (variables.size() == 1 && !url.trim().endsWith("}}"))) {
            throw invalid(FORMAT, "Param " + button.param("url") + " may hold one variable, at its end.");
        }
        if (HttpUrls.isHttp(url.replace("{{", "").replace("}}", "").replaceAll("\\s", ""))) {
            return url;
        }
        throw GraphException.invalidParameter("Param " + button.param("url") + " must be an http or https URL.");
    }

    /** The variables of a text, which must follow the template's parameter format. */
    private static List<String> parameters(GraphBody where, String text, String format) {
        var names = TemplateContent.parameters(text);
        if (format.equals("POSITIONAL")) {
            for (int i = 0; i < names.size(); i++) {
                if (!names.get(i).equals(Integer.toString(i + 1))) {
                    throw invalid(FORMAT, "Param " + where.param("text") + ": positional variables are {{1}}, {{2}} …"
                            + " in order; found {{" + names.get(i) + "}}.");
                }
            }
        } else {
            for (String name : names) {
                if (!NAMED_PARAMETER.matcher(name).matches()) {
                    throw invalid(FORMAT, "Param " + where.param("text") + ": named variables are lowercase letters,"
                            + " digits and underscores, at most 20; found {{" + name + "}}.");
                }
            }
        }
        return names;
    }

    private static String limited(GraphBody body, String field, int max, boolean required) {
        var value = required ? body.requiredString(field) : body.string(field).orElse("");
        if (value.codePointCount(0, value.length()) > max) {
            throw invalid(CHARACTER_LIMIT, "Param " + body.param(field) + " must be at most " + max + " characters long.");
        }
        return value;
    }

    private static java.util.Optional<String> limitedOptional(GraphBody body, String field, int max) {
        return body.string(field).map(value -> limited(body, field, max, false));
    }

    private static String enumValue(GraphBody body, String field, Set<String> allowed) {
        var value = body.requiredString(field).trim().toUpperCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw GraphException.invalidParameter("Param " + body.param(field) + " must be one of "
                    + String.join(", ", allowed.stream().sorted().toList()) + "; got '" + value + "'.");
        }
        return value;
    }

    static GraphException invalid(int subcode, String message) {
        return new GraphException(HttpStatus.BAD_REQUEST, 100, subcode, "OAuthException", "(#100) " + message, null);
    }
}
