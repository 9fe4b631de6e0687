package io.openwaba.templates;

import io.openwaba.shared.BackgroundWork;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Decides PENDING templates whose review delay has passed (sandbox clock), in batches. */
@Component
class TemplateReview extends BackgroundWork {

    private final Templates templates;
    private final TransactionTemplate tx;

    TemplateReview(Templates templates, TemplateSettings settings, TransactionTemplate tx) {
        super("template-review", 1, settings.reviewPollInterval());
        this.templates = templates;
        this.tx = tx;
    }

    @Override
    protected int step() {
        Integer reviewed = tx.execute(status -> templates.reviewDue(100));
        return reviewed == null ? 0 : reviewed;
    }
}
