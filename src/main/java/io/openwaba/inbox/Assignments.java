package io.openwaba.inbox;

import io.openwaba.shared.ShortLivedCache;
import io.openwaba.tenancy.ConsoleUser;
import io.openwaba.tenancy.ConsoleUsers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Automatic assignment: when a business has it on, conversations waiting in the queue go to its
 * online operators in turn ({@link RoundRobin}), each holding at most the business's cap of open
 * conversations; what finds no operator waits until one comes online or frees a place.
 */
@Service
public class Assignments {

    static final int BATCH = 20;
    static final int MAX_CAP = 1000;

    private final AssignmentRows rows;
    private final ConversationRows conversations;
    private final ConsoleUsers users;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final int defaultCap;
    private final ShortLivedCache<String, AssignmentRows.Settings> cache = new ShortLivedCache<>(Duration.ofSeconds(5),
            10_000);

    Assignments(AssignmentRows rows, ConversationRows conversations, ConsoleUsers users,
                ApplicationEventPublisher events, Clock clock,
                @Value("${openwaba.inbox.max-open-per-operator:10}") int defaultCap) {
        this.rows = rows;
        this.conversations = conversations;
        this.users = users;
        this.events = events;
        this.clock = clock;
        this.defaultCap = defaultCap;
    }

    public AssignmentRows.Settings settings(String businessId) {
        var cached = cache.get(businessId);
        if (cached.isPresent()) {
            return cached.get();
        }
        var settings = rows.settings(businessId).orElse(new AssignmentRows.Settings(false, defaultCap));
        cache.put(businessId, settings);
        return settings;
    }

    @Transactional
    void saveSettings(String businessId, AssignmentRows.Settings settings) {
        rows.saveSettings(businessId, settings, clock.instant());
        cache.remove(businessId);
        assignWaiting(businessId);
    }

    public boolean available(String userId) {
        return rows.available(userId);
    }

    @Transactional
    void setAvailable(String userId, String businessId, boolean available) {
        rows.setAvailable(userId, businessId, available, clock.instant());
        if (available) {
            assignWaiting(businessId);
        }
    }

    /** Gives waiting conversations to online operators with room, in the caller's transaction. */
    void assignWaiting(String businessId) {
        var settings = settings(businessId);
        if (!settings.automatic()) {
            return;
        }
        var online = new ArrayList<>(rows.lockOnline(businessId));
        if (online.isEmpty()) {
            return;
        }
        var open = rows.openCounts(businessId);
        var names = users.ofBusiness(businessId).stream()
                .collect(Collectors.toMap(ConsoleUser::id, ConsoleUser::displayName, (a, b) -> a));
        for (var conversationId : rows.waiting(businessId, BATCH)) {
            var next = RoundRobin.next(online, open, settings.maxOpen());
            if (next.isEmpty()) {
                return;
            }
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
