package io.openwaba.templates;

import io.openwaba.shared.PollingWorker;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Decides PENDING templates whose review delay has passed (sandbox clock), in batches. */
@Component
class TemplateReview implements SmartLifecycle {

    private final PollingWorker worker;

    TemplateReview(Templates templates, TemplateSettings settings, TransactionTemplate tx) {
        this.worker = new PollingWorker("template-review", 1, settings.reviewPollInterval(), () -> {
            Integer reviewed = tx.execute(status -> templates.reviewDue(100));
            return reviewed == null ? 0 : reviewed;
        });
    }

    @Override
    public void start() {
        worker.start();
    }

    @Override
    public void stop() {
        worker.stop();
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }
}
