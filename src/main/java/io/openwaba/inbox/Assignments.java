package io.openwaba.inbox;

import io.openwaba.console.ConsolePrincipal;
import io.openwaba.shared.AfterCommit;
import io.openwaba.shared.ShortLivedCache;
import io.openwaba.tenancy.ConsoleUsers;
import io.openwaba.tenancy.Teams;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.session.SessionDestroyedEvent;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Automatic assignment: when a business has it on, conversations waiting in the queue go to its
 * online operators in turn ({@link RoundRobin}), each holding at most the business's cap of open
 * conversations; a conversation in a team's queue goes to the team's online members only. What
 * finds no operator waits until one comes online or frees a place.
 */
@Service
public class Assignments {

    static final int BATCH = 20;
    static final int MAX_CAP = 1000;
    private static final Logger log = LoggerFactory.getLogger(Assignments.class);

    private final AssignmentRows rows;
    private final ConversationRows conversations;
    private final ConsoleUsers users;
    private final Teams teams;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final int defaultCap;
    private final ShortLivedCache<String, AssignmentRows.Settings> cache = new ShortLivedCache<>(Duration.ofSeconds(5),
            10_000);

    private final TransactionTemplate ownTransaction;

    Assignments(AssignmentRows rows, ConversationRows conversations, ConsoleUsers users, Teams teams,
                ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions,
                @Value("${openwaba.inbox.max-open-per-operator:10}") int defaultCap) {
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.rows = rows;
        this.conversations = conversations;
        this.users = users;
        this.teams = teams;
        this.events = events;
        this.clock = clock;
        this.defaultCap = defaultCap;
    }

    public AssignmentRows.Settings settings(String businessId) {
        return cache.get(businessId, id -> rows.settings(id).orElse(new AssignmentRows.Settings(false, defaultCap)));
    }

    void saveSettings(String businessId, AssignmentRows.Settings settings) {
        rows.saveSettings(businessId, settings, clock.instant());
        cache.remove(businessId);
        assignWaiting(businessId, null);
    }

    /** Whether any of the business's operators is online now. */
    public boolean anyoneOnline(String businessId) {
        return rows.anyoneOnline(businessId);
    }

    public boolean available(String userId) {
        return rows.available(userId);
    }

    void setAvailable(String userId, String businessId, boolean available) {
        rows.setAvailable(userId, businessId, available, clock.instant());
        if (available) {
            assignWaiting(businessId, null);
        }
    }

    /** A console session ended (sign-out or time-out): its operator receives no more conversations. */
    @EventListener
    void on(SessionDestroyedEvent ended) {
        for (var context : ended.getSecurityContexts()) {
            if (context.getAuthentication() != null
                    && context.getAuthentication().getPrincipal() instanceof ConsolePrincipal user
                    && user.businessId() != null && rows.available(user.id())) {
                rows.setAvailable(user.id(), user.businessId(), false, clock.instant());
            }
        }
    }

    /**
     * Once the current transaction has committed (at once without one), gives waiting
     * conversations to online operators with room, in a transaction of its own that takes the
     * business's operator rows before any conversation row: whatever triggered it (a customer's
     * message, a resolve, a hand-back) has already released its conversation, so two of them never
     * wait on each other, and a failed assignment loses nothing: the conversation waits for the
     * next one. {@code except} gets nothing this time (who just handed a conversation back).
     */
    void assignWaiting(String businessId, String except) {
        if (!settings(businessId).automatic()) {
            return;
        }
        AfterCommit.run(() -> {
            try {
                ownTransaction.executeWithoutResult(status -> assignNow(businessId, except));
            } catch (RuntimeException e) {
                log.warn("Assigning the waiting conversations of business {} failed; they wait for the next turn",
                        businessId, e);
            }
        });
    }

    private void assignNow(String businessId, String except) {
        var settings = settings(businessId);
        var online = new ArrayList<>(rows.lockOnline(businessId));
        online.removeIf(operator -> operator.userId().equals(except));
        if (online.isEmpty()) {
            return;
        }
        var onlineIds = online.stream().map(AssignmentRows.Online::userId).collect(Collectors.toSet());
        var members = new HashMap<String, Set<String>>();
        for (var team : teams.ofBusiness(businessId)) {
            var present = new HashSet<>(team.memberIds());
            present.retainAll(onlineIds);
            if (!present.isEmpty()) {
                members.put(team.id(), present);
            }
        }
        var waiting = rows.waiting(businessId, members.keySet(), BATCH);
        if (waiting.isEmpty()) {
            return;
        }
        var open = rows.openCounts(businessId);
        var names = users.displayNames(businessId);
        for (var conversation : waiting) {
            var candidates = conversation.teamId() == null ? online : online.stream()
                    .filter(o -> members.get(conversation.teamId()).contains(o.userId())).toList();
            var next = RoundRobin.next(candidates, open, settings.maxOpen());
            if (next.isEmpty()) {
                continue;
            }
            var conversationId = conversation.id();
            var userId = next.get();
            var now = clock.instant();
            if (rows.assign(conversationId, userId, now)) {
                open.merge(userId, 1, Integer::sum);
                online.replaceAll(o -> o.userId().equals(userId) ? new AssignmentRows.Online(userId, now) : o);
                conversations.addTimeline(conversationId, ConversationChanged.What.ASSIGNED, userId, names.get(userId),
                        null, now);
                events.publishEvent(new ConversationChanged(conversationId, businessId,
                        ConversationChanged.What.ASSIGNED, userId, now));
            }
        }
    }
}
