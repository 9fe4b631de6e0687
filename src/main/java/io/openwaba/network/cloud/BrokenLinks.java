package io.openwaba.network.cloud;

import io.openwaba.network.CloudLinkBroken;
import io.openwaba.network.OnCloud;
import io.openwaba.notices.Notices;
import io.openwaba.numbers.PhoneNumbers;
import io.openwaba.shared.MetaError;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A link Meta's refusal broke: marked broken, announced ({@link CloudLinkBroken}, which the
 * webhooks module sends as an alert) and emailed to the business, all in one transaction and
 * once per break.
 */
@OnCloud
@Component
class BrokenLinks {

    private static final Logger log = LoggerFactory.getLogger(BrokenLinks.class);

    private final CloudLinks links;
    private final PhoneNumbers numbers;
    private final Notices notices;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate tx;
    private final Clock clock;

    BrokenLinks(CloudLinks links, PhoneNumbers numbers, Notices notices, ApplicationEventPublisher publisher,
                TransactionTemplate tx, Clock clock) {
        this.links = links;
        this.numbers = numbers;
        this.notices = notices;
        this.publisher = publisher;
        this.tx = tx;
        this.clock = clock;
    }

    /** Meta's refusal as its error; a refused token breaks the number's link. */
    MetaError refusal(String phoneNumberId, MetaGraph.Answer answer) {
        if (MetaErrorRule.classify(answer.status(), answer.code()) == MetaErrorRule.Outcome.BROKEN_LINK) {
            report(phoneNumberId, "Meta refused the access token: "
                    + answer.body().path("error").path("message").asString(""));
        }
        return answer.error();
    }

    void report(String phoneNumberId, String reason) {
        var now = clock.instant();
        tx.executeWithoutResult(status -> {
            if (!links.markBroken(phoneNumberId, reason, now)) {
                return;
            }
            log.warn("Meta refused the token of number {}: its messages wait until it is linked again"
                    + " (PUT /api/phone-numbers/{}/cloud)", phoneNumberId, phoneNumberId);
            numbers.find(phoneNumberId).ifPresent(number -> {
                publisher.publishEvent(new CloudLinkBroken(number.id(), number.wabaId(), number.displayPhoneNumber(),
                        reason, now));
                notices.email(number.businessId(), "WhatsApp number " + number.displayPhoneNumber()
                        + ": messages paused, Meta refused its access token", """
                        Meta's Cloud API refused the access token of your WhatsApp number %s (id %s) at %s:
                        %s

                        Messages to and from this number wait; none are lost. They go out as soon as the number \
                        is linked again with a valid token (PUT /api/phone-numbers/%s/cloud).
                        """.formatted(number.displayPhoneNumber(), number.id(), now, reason, number.id()));
            });
        });
    }
}
