package io.openwaba.numbers;

/**
 * Another way than a configured human agent for a number's customers to reach a person: the
 * chat center, once the number's business has people who receive its conversations. The human
 * agent rule of number health asks each one.
 */
public interface HumanPath {

    boolean offeredFor(PhoneNumber number);
}
