package io.openwaba.notices;

import io.openwaba.shared.AfterCommit;
import io.openwaba.shared.NodeIds;
import io.openwaba.tenancy.Tenancy;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;

/** Queues an email to a business's notification address, in the caller's transaction. */
@Service
public class Notices {

    private final MailRows rows;
    private final Tenancy tenancy;
    private final Clock clock;
    private final MailSending sending;

    Notices(MailRows rows, Tenancy tenancy, Clock clock, MailSending sending) {
        this.rows = rows;
        this.tenancy = tenancy;
        this.clock = clock;
        this.sending = sending;
    }

    public void email(String businessId, String subject, String body) {
        var to = tenancy.business(businessId).map(b -> b.notificationEmail()).filter(a -> a != null && !a.isBlank())
                .orElse(null);
        // Without an address there is nobody to send to: the notice is kept for the API.
        var state = to == null ? "KEPT" : "PENDING";
        rows.insert(new Mail(NodeIds.next(), businessId, to, subject, body, state, 0, null, clock.instant(), null));
        AfterCommit.run(sending::wake);
    }

    List<Mail> ofBusiness(String businessId, int limit) {
        return rows.ofBusiness(businessId, limit);
    }

    /** The latest notices of every business, the newest first: the sandbox's outbox page. */
    public List<Mail> latest(int limit) {
        return rows.latest(limit);
    }
}
