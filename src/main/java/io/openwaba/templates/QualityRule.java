package io.openwaba.templates;

/**
 * Template quality from customers' reactions over the last 24 hours (POLICY.md section 2):
 * blocks and spam reports (a report counts twice) against messages sent, with few reads
 * pulling a GREEN template down to YELLOW. Too few messages to judge leave it UNKNOWN, or as it was.
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
        if (negative >= yellowFrom || (double) signals.read() / signals.sent() < lowReadRate) {
            return "YELLOW";
        }
        return "GREEN";
    }
}
