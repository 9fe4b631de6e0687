package io.openwaba.notices;

import io.openwaba.shared.BackgroundWork;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox over SMTP (Spring's mail sender, configured by {@code spring.mail.*}). With no
 * SMTP server configured the mails are KEPT, readable through the management API. A mail that
 * fails 5 times is FAILED, with the last error kept.
 */
@Component
class MailSending extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(MailSending.class);
    static final int MAX_ATTEMPTS = 5;

    private final MailRows rows;
    private final ObjectProvider<JavaMailSender> sender;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String from;

    MailSending(MailRows rows, ObjectProvider<JavaMailSender> sender, TransactionTemplate tx, Clock clock,
                @Value("${openwaba.notices.from:openwaba@localhost}") String from,
                @Value("${openwaba.notices.poll-interval:5s}") Duration pollInterval) {
        super("mail-sending", 1, pollInterval);
        this.rows = rows;
        this.sender = sender;
        this.tx = tx;
        this.clock = clock;
        this.from = from;
    }

    /** Notices are few: each batch is sent inside the transaction that holds its rows. */
    @Override
    protected int step() {
        Integer handled = tx.execute(status -> {
            var pending = rows.pending(20);
            var smtp = sender.getIfAvailable();
            for (Mail mail : pending) {
                if (smtp == null) {
                    rows.settle(mail.id(), "KEPT", mail.attempts(), "no SMTP server configured (spring.mail.host)", null);
                    continue;
                }
                try {
                    var message = new SimpleMailMessage();
                    message.setFrom(from);
                    message.setTo(mail.to());
                    message.setSubject(mail.subject());
                    message.setText(mail.body());
                    smtp.send(message);
                    rows.settle(mail.id(), "SENT", mail.attempts() + 1, null, clock.instant());
                } catch (MailException e) {
                    int attempts = mail.attempts() + 1;
                    log.warn("Sending mail {} to {} failed (attempt {})", mail.id(), mail.to(), attempts, e);
                    rows.settle(mail.id(), attempts >= MAX_ATTEMPTS ? "FAILED" : "PENDING", attempts,
                            truncate(e.getMessage()), null);
                }
            }
            return pending.size();
        });
        // A batch with failures left PENDING would loop at once: wait for the interval instead.
        return handled == null || handled < 20 ? 0 : handled;
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
    }
}
