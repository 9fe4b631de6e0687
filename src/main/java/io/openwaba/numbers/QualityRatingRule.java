package io.openwaba.numbers;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A number's quality rating from what its customers did over the quality window: RED when too many
 * customers reached blocked or reported it; YELLOW when fewer did, when it sends too many templates
 * per customer, or leaves too many customers unanswered; GREEN otherwise. Too few customers to judge:
 * the previous rating stays ({@code measured} false). Plain Java.
 */
record QualityRatingRule(NumberSettings.Quality settings) {

    record Rating(QualityRating value, boolean measured, String reason, Map<String, Object> figures) {
    }

    Rating rate(QualitySignals signals, QualityRating previous) {
        var figures = new LinkedHashMap<String, Object>();
        figures.put("customers_reached", signals.reached());
        figures.put("blocked", signals.blocked());
        figures.put("reported", signals.reported());
        figures.put("templates_sent", signals.templates());
        figures.put("customers_who_wrote", signals.conversations());
        figures.put("slow_replies", signals.slowReplies());
        figures.put("window", settings.window().toString());
        boolean judgeReach = signals.reached() >= settings.minCustomers();
        boolean judgeReplies = signals.conversations() >= settings.minCustomers();
        if (!judgeReach && !judgeReplies) {
            return new Rating(previous, false, "fewer than " + settings.minCustomers()
                    + " customers in the window: the rating stays " + previous, figures);
        }
        if (judgeReach) {
            double blockRate = (signals.blocked() + signals.reported()) / (double) signals.reached();
            double perCustomer = signals.templates() / (double) signals.reached();
            figures.put("block_rate", round(blockRate));
            figures.put("templates_per_customer", round(perCustomer));
            if (blockRate >= settings.redBlockRate()) {
                return new Rating(QualityRating.RED, true, percent(blockRate)
                        + " of customers reached blocked or reported the number (RED from "
                        + percent(settings.redBlockRate()) + ")", figures);
            }
            if (blockRate >= settings.yellowBlockRate()) {
                return new Rating(QualityRating.YELLOW, true, percent(blockRate)
                        + " of customers reached blocked or reported the number (YELLOW from "
                        + percent(settings.yellowBlockRate()) + ")", figures);
            }
            if (perCustomer > settings.maxTemplatesPerCustomer()) {
                return new Rating(QualityRating.YELLOW, true, round(perCustomer)
                        + " templates per customer reached (at most "
                        + settings.maxTemplatesPerCustomer() + " keeps GREEN)", figures);
            }
        }
        if (judgeReplies) {
            double slowShare = signals.slowReplies() / (double) signals.conversations();
            figures.put("slow_reply_share", round(slowShare));
            if (slowShare > settings.maxSlowReplyShare()) {
                return new Rating(QualityRating.YELLOW, true, percent(slowShare)
                        + " of customers who wrote waited more than "
                        + settings.slowReply().toHours() + " h without an answer", figures);
            }
        }
        return new Rating(QualityRating.GREEN, true, "few blocks and reports, moderate frequency, customers answered",
                figures);
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
