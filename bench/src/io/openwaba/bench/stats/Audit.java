package io.openwaba.bench.stats;

import io.openwaba.bench.receiver.Arrivals;
import io.openwaba.bench.receiver.Receiver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ledger checked against what the receiver saw, after the drain. A send's final status is its
 * {@code read}, or its {@code failed} (the template mode's recipients are not on the network).
 */
public record Audit(long tracked, long lost, long unknownWamids, long drainNanos, Histogram sendToRead,
             long finalDrainNanos, Histogram sendToFinal, Map<String, Long> limitRefusals) {

    public static Audit of(Ledger ledger, Receiver receiver, Map<String, Long> limitRefusals) {
        long lost = 0;
        long lastRead = 0;
        long lastFinal = 0;
        Histogram sendToRead = new Histogram();
        Histogram sendToFinal = new Histogram();
        for (Map.Entry<String, TrackedSend> entry : ledger.sends.entrySet()) {
            Arrivals arrivals = receiver.arrivals(entry.getKey());
            long finalAt = arrivals == null ? 0 : arrivals.complete() ? arrivals.at(Arrivals.READ)
                    : arrivals.at(Arrivals.FAILED);
            if (finalAt > 0) {
                lastFinal = Math.max(lastFinal, finalAt);
                if (entry.getValue().measured()) {
                    sendToFinal.record(finalAt - entry.getValue().start());
                }
            }
            if (arrivals == null || !arrivals.complete()) {
                lost += arrivals != null && arrivals.failed() ? 0 : 1;
                continue;
            }
            lastRead = Math.max(lastRead, arrivals.at(Arrivals.READ));
            if (entry.getValue().measured()) {
                sendToRead.record(arrivals.at(Arrivals.READ) - entry.getValue().start());
            }
        }
        long unknown = receiver.wamids().stream().filter(wamid -> !ledger.sends.containsKey(wamid)).count();
        long drain = lastRead == 0 ? -1 : Math.max(0, lastRead - ledger.lastAccept.get());
        long finalDrain = lastFinal == 0 ? -1 : Math.max(0, lastFinal - ledger.lastAccept.get());
        return new Audit(ledger.sends.size(), lost, unknown, drain, sendToRead, finalDrain, sendToFinal,
                limitRefusals);
    }

    public boolean passed(Receiver receiver) {
        return tracked > 0 && problems(receiver).isEmpty();
    }

    public String verdict(Receiver receiver) {
        if (tracked == 0) {
            return "FAIL (no send was accepted)";
        }
        List<String> problems = problems(receiver);
        return problems.isEmpty() ? "PASS" : "FAIL (" + String.join(", ", problems) + ")";
    }

    private List<String> problems(Receiver receiver) {
        List<String> problems = new ArrayList<>();
        addIfPositive(problems, "lost", lost);
        addIfPositive(problems, "bad_signatures", receiver.badSignatures.sum());
        addIfPositive(problems, "duplicate_webhook_ids", receiver.duplicateWebhookIds.sum());
        addIfPositive(problems, "duplicate_statuses", receiver.duplicateStatuses.sum());
        // The run is sized to stay within every limit, so a refusal for one is a finding.
        limitRefusals.forEach((code, count) -> addIfPositive(problems, "refused_" + code, count));
        return problems;
    }

    private static void addIfPositive(List<String> problems, String name, long count) {
        if (count > 0) {
            problems.add(name + "=" + count);
        }
    }
}
