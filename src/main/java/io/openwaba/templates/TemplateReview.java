package io.openwaba.templates;

import io.openwaba.shared.BackgroundWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Decides PENDING templates whose review delay has passed (sandbox clock), in batches. */
@Component
class TemplateReview extends BackgroundWork {

    private final Templates templates;
    private final TransactionTemplate tx;

    private final ObjectProvider<TemplateRelay> relay;

    TemplateReview(Templates templates, TemplateSettings settings, TransactionTemplate tx,
                   ObjectProvider<TemplateRelay> relay) {
        super("template-review", 1, settings.reviewPollInterval());
        this.relay = relay;
        this.templates = templates;
        this.tx = tx;
    }

    /** With a {@link TemplateRelay} (cloud mode) Meta reviews templates: the local reviewer does not run. */
    @Override
    public void start() {
        if (relay.getIfAvailable() == null) {
            super.start();
        }
    }

    @Override
    protected int step() {
        Integer reviewed = tx.execute(status -> templates.reviewDue(100));
        return reviewed == null ? 0 : reviewed;
    }
}
