package io.openwaba.templates;

/**
 * Template quality from customers' reactions over the last 24 hours:
 * blocks and spam reports (a report counts twice) against messages sent; a template few read
 * and nobody answers is YELLOW at best. Too few messages to judge leave it as it was (UNKNOWN at first).
 */
record QualityRule(int minimumSample, double yellowFrom, double redFrom, double lowReadRate) {

    static final QualityRule STANDARD = new QualityRule(10, 0.02, 0.05, 0.2);

    String score(TemplateSignals.Signals signals, String current) {
        if (signals.sent() < minimumSample) {
            return current;
        }
        double negative = (signals.blocked() + 2.0 * signals.reported()) / signals.sent();
        if (negative >= redFrom) {
            return "RED";
        }
        boolean ignored = (double) signals.read() / signals.sent() < lowReadRate && signals.replied() == 0;
        if (negative >= yellowFrom || ignored) {
            return "YELLOW";
        }
        return "GREEN";
    }
}
