package io.openwaba.templates;

import io.openwaba.shared.Decision;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The template reviewer's rules, as data: each names what it checks, the reason WhatsApp gives
 * (Meta's rejection reasons) and what the business should change. The first rule a template
 * breaks decides; a template that breaks none is approved. Plain Java: no Spring, no I/O.
 */
final class ReviewRules {

    /** One rule: {@code code} is ours (shown to the business), {@code reason} is Meta's enum value. */
    record Rule(String code, String reason, String recommendation, Predicate<TemplateContent> breaks) {
    }

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private final List<Rule> rules;
    private final List<String> promotionalPhrases;

    ReviewRules(List<String> forbiddenPhrases, List<String> promotionalPhrases) {
        this.promotionalPhrases = lower(promotionalPhrases);
        var forbidden = lower(forbiddenPhrases);
        this.rules = List.of(
                new Rule("MISSING_EXAMPLES", "INVALID_FORMAT",
                        "Give an example value for every variable (example.body_text, example.header_text or the URL button's example).",
                        ReviewRules::lacksExamples),
                new Rule("PARAMETER_AT_EDGE", "INVALID_FORMAT",
                        "Do not start or end the body with a variable; put words around it.",
                        content -> {
                            var body = content.bodyText().strip();
                            return body.startsWith("{{") || body.endsWith("}}");
                        }),
                new Rule("ADJACENT_PARAMETERS", "INVALID_FORMAT",
                        "Separate variables with words; two variables side by side are refused.",
                        content -> Pattern.compile("}}\\s*\\{\\{").matcher(content.bodyText()).find()),
                new Rule("TOO_MANY_PARAMETERS", "INVALID_FORMAT",
                        "Use fewer variables or more words: the body needs at least two words per variable, plus one.",
                        content -> {
                            int variables = TemplateContent.parameters(content.bodyText()).size();
                            return variables > 0 && words(content.bodyText()) < 2 * variables + 1;
                        }),
                new Rule("FORBIDDEN_CONTENT", "SCAM",
                        "Remove content WhatsApp does not allow (openwaba.templates.forbidden-phrases).",
                        content -> containsAny(allText(content), forbidden)));
    }

    List<Rule> rules() {
        return rules;
    }

    /**
     * The first rule the content breaks refuses it, named by our code, with the recommendation as the
     * reason and Meta's rejection reason in the figures; promotional wording moves a UTILITY template to
     * MARKETING, if allowed. Approved or not, {@code category} in the figures is the category it gets.
     */
    Decision review(TemplateContent content) {
        for (Rule rule : rules) {
            if (rule.breaks().test(content)) {
                return rejected(rule, content.category());
            }
        }
        if (content.category().equals("UTILITY") && containsAny(allText(content), promotionalPhrases)) {
            if (content.allowCategoryChange()) {
                return Decision.allow(PROMOTIONAL_RECATEGORISED.recommendation(), Map.of("category", "MARKETING",
                        "rule", PROMOTIONAL_RECATEGORISED.code()));
            }
            return rejected(PROMOTIONAL_UTILITY, content.category());
        }
        return Decision.allow("no review rule is broken", Map.of("category", content.category()));
    }

    private static Decision rejected(Rule rule, String category) {
        return Decision.refuse(rule.code(), rule.recommendation(), Map.of("category", category,
                "rejection_reason", rule.reason()));
    }

    static final Rule PROMOTIONAL_UTILITY = new Rule("PROMOTIONAL_IN_UTILITY", "INCORRECT_CATEGORY",
            "Promotional wording belongs in a MARKETING template; change the category or the wording"
                    + " (or allow_category_change).", content -> false);
    static final Rule PROMOTIONAL_RECATEGORISED = new Rule("PROMOTIONAL_IN_UTILITY", "NONE",
            "Recategorised as MARKETING because of promotional wording (allow_category_change was true).",
            content -> false);

    @SuppressWarnings("unchecked")
    private static boolean lacksExamples(TemplateContent content) {
        for (Map<String, Object> component : content.components()) {
            var type = component.get("type");
            var text = (String) component.get("text");
            var example = (Map<String, Object>) component.get("example");
            if (("BODY".equals(type) || "HEADER".equals(type)) && text != null) {
                int variables = TemplateContent.parameters(text).size();
                if (variables > 0 && exampleCount(example, "BODY".equals(type) ? "body_text" : "header_text") < variables) {
                    return true;
                }
            }
            if ("HEADER".equals(type) && List.of("IMAGE", "VIDEO", "DOCUMENT").contains(component.get("format"))
                    && (example == null || !(example.get("header_handle") instanceof List<?> handles) || handles.isEmpty())) {
                return true;
            }
            if ("BUTTONS".equals(type)) {
                for (var button : (List<Map<String, Object>>) component.get("buttons")) {
                    if ("URL".equals(button.get("type")) && !TemplateContent.parameters((String) button.get("url")).isEmpty()
                            && !(button.get("example") instanceof List<?> examples && !examples.isEmpty())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** How many example values there are: positional ({@code body_text: [[…]]}) or named ({@code …_named_params}). */
    private static int exampleCount(Map<String, Object> example, String key) {
        if (example == null) {
            return 0;
        }
        if (example.get(key + "_named_params") instanceof List<?> named) {
            return named.size();
        }
        var values = example.get(key);
        if (values instanceof List<?> list && !list.isEmpty()) {
            return list.get(0) instanceof List<?> row ? row.size() : list.size();
        }
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static String allText(TemplateContent content) {
        var out = new StringBuilder();
        for (Map<String, Object> component : content.components()) {
            if (component.get("text") instanceof String text) {
                out.append(text).append('\n');
            }
            if (component.get("buttons") instanceof List<?> buttons) {
                for (Object button : buttons) {
                    if (((Map<String, Object>) button).get("text") instanceof String text) {
                        out.append(text).append('\n');
                    }
                }
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static int words(String text) {
        var matcher = WORD.matcher(TemplateContent.PARAMETER.matcher(text).replaceAll(" "));
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private static boolean containsAny(String text, List<String> phrases) {
        return phrases.stream().anyMatch(text::contains);
    }

    private static List<String> lower(List<String> phrases) {
        return phrases.stream().map(p -> p.strip().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty()).toList();
    }
}
