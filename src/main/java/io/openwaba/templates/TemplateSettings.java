package io.openwaba.templates;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code openwaba.templates.*}: how long review takes (sandbox clock) and the reviewer's word lists.
 */
@ConfigurationProperties("openwaba.templates")
record TemplateSettings(Duration reviewDelay, Duration reviewPollInterval, Duration qualityInterval,
                        List<String> forbiddenPhrases, List<String> promotionalPhrases) {

    TemplateSettings {
        reviewDelay = reviewDelay == null ? Duration.ofMinutes(1) : reviewDelay;
        reviewPollInterval = reviewPollInterval == null ? Duration.ofSeconds(1) : reviewPollInterval;
        qualityInterval = qualityInterval == null ? Duration.ofMinutes(1) : qualityInterval;
        forbiddenPhrases = forbiddenPhrases == null ? List.of("guaranteed winner", "claim your prize",
                "send your password", "double your money", "bitcoin giveaway") : forbiddenPhrases;
        promotionalPhrases = promotionalPhrases == null ? List.of("% off", "discount", "sale", "offer", "promo",
                "coupon", "deal", "buy now", "limited time") : promotionalPhrases;
    }
}
