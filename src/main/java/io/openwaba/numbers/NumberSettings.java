package io.openwaba.numbers;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code openwaba.numbers.*}: how often number health is evaluated, the review delay of a newly
 * registered number, throughput and pair-rate limits, the quality formula and the human agent rule.
 */
@ConfigurationProperties("openwaba.numbers")
record NumberSettings(
        @DefaultValue("1m") Duration healthInterval,
        @DefaultValue("1m") Duration reviewDelay,
        @DefaultValue("10m") Duration verificationCodeTtl,
        @DefaultValue("80") int messagesPerSecond,
        @DefaultValue("1000") int maxMessagesPerSecond,
        @DefaultValue("45") int pairBurst,
        @DefaultValue("6s") Duration pairInterval,
        @DefaultValue Quality quality,
        @DefaultValue("7d") Duration humanAgentGrace,
        @DefaultValue("warn") String humanAgentAction) {

    /**
     * The quality formula's windows and thresholds. Block rate = customers who blocked or reported
     * the number / unique customers it reached with templates, both over {@code window}.
     */
    record Quality(
            @DefaultValue("7d") Duration window,
            @DefaultValue("10") int minCustomers,
            @DefaultValue("0.02") double yellowBlockRate,
            @DefaultValue("0.05") double redBlockRate,
            @DefaultValue("4.0") double maxTemplatesPerCustomer,
            @DefaultValue("24h") Duration slowReply,
            @DefaultValue("0.5") double maxSlowReplyShare) {
    }

    boolean dropTierWithoutHumanAgent() {
        return "drop-tier".equals(humanAgentAction);
    }
}
