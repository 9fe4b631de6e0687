package io.openwaba.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * WhatsApp's formatting of a text (*bold*, _italic_, ~strikethrough~, ```monospace```) as plain
 * segments with a style: the page renders each as text inside its tag, so nothing a customer
 * writes ever becomes markup.
 */
public final class WhatsAppText {

    public enum Style { PLAIN, BOLD, ITALIC, STRIKE, MONO }

    public record Segment(Style style, String text) {
    }

    private static final Pattern MARKED = Pattern.compile(
            "```(.+?)```|(?<![\\p{L}\\p{N}])([*_~])(?=\\S)([^\\n]+?)(?<=\\S)\\2(?![\\p{L}\\p{N}])", Pattern.DOTALL);

    private WhatsAppText() {
    }

    public static List<Segment> segments(String text) {
        var segments = new ArrayList<Segment>();
        if (text == null || text.isEmpty()) {
            return segments;
        }
        var matcher = MARKED.matcher(text);
        int at = 0;
        while (matcher.find()) {
            if (matcher.start() > at) {
                segments.add(new Segment(Style.PLAIN, text.substring(at, matcher.start())));
            }
            if (matcher.group(1) != null) {
                segments.add(new Segment(Style.MONO, matcher.group(1)));
            } else {
                var style = switch (matcher.group(2)) {
                    case "*" -> Style.BOLD;
                    case "_" -> Style.ITALIC;
                    default -> Style.STRIKE;
                };
                segments.add(new Segment(style, matcher.group(3)));
            }
            at = matcher.end();
        }
        if (at < text.length()) {
            segments.add(new Segment(Style.PLAIN, text.substring(at)));
        }
        return segments;
    }
}
