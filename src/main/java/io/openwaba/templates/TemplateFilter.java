package io.openwaba.templates;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The filters of a template list, as Meta documents them. Each filter holds any of its values;
 * all filters must hold. {@code name} matches part of the name (case as given, as before),
 * {@code content} part of the body text and {@code name_or_content} either, ignoring case; the
 * others are exact, enums compared in upper case.
 */
record TemplateFilter(List<String> names, List<String> contents, List<String> namesOrContents, Set<String> statuses,
                      Set<String> categories, Set<String> languages, Set<String> qualityScores) {

    static TemplateFilter of(List<String> names, List<String> contents, List<String> namesOrContents,
                             List<String> statuses, List<String> categories, List<String> languages,
                             List<String> qualityScores) {
        return new TemplateFilter(names, lower(contents), lower(namesOrContents), upper(statuses), upper(categories),
                Set.copyOf(languages), upper(qualityScores));
    }

    boolean matches(Template template) {
        var content = template.content();
        var name = content.name();
        var body = content.bodyText().toLowerCase(Locale.ROOT);
        return any(names, name::contains)
                && any(contents, body::contains)
                && any(namesOrContents, term -> name.toLowerCase(Locale.ROOT).contains(term) || body.contains(term))
                && any(statuses, template.status()::equals)
                && any(categories, content.category()::equals)
                && any(languages, content.language()::equals)
                && any(qualityScores, template.qualityScore()::equals);
    }

    private static boolean any(Collection<String> wanted, Predicate<String> holds) {
        return wanted.isEmpty() || wanted.stream().anyMatch(holds);
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    private static Set<String> upper(List<String> values) {
        return values.stream().map(v -> v.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}
