package io.openwaba.numbers;

/**
 * What customers did with a number over the quality window: how many it reached with templates,
 * how many of those blocked or reported it, how many templates it sent, and how many customers
 * who wrote waited longer than the slow-reply threshold without an answer.
 */
public record QualitySignals(int reached, int blocked, int reported, int templates, int conversations,
                             int slowReplies) {
}
