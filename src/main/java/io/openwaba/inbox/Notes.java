package io.openwaba.inbox;

import io.openwaba.console.ConsolePrincipal;
import io.openwaba.shared.SqlTime;
import io.openwaba.tenancy.ConsoleUser;
import io.openwaba.tenancy.ConsoleUsers;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Private notes on a conversation: lines of its timeline the customer never sees. An {@code @name}
 * in a note, where name is the part before the {@code @} of a colleague's login
 * ({@code @olga} for olga@shop.example), tells that colleague in the console.
 */
@Service
class Notes {

    static final int MAX_NOTE = 2000;
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}._-])@([\\p{L}\\p{N}._+-]+)");

    private final ConversationRows rows;
    private final ConsoleUsers users;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Notes(ConversationRows rows, ConsoleUsers users, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.rows = rows;
        this.users = users;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** Adds the note and tells each colleague it mentions; answers who was mentioned. */
    @Transactional
    List<ConsoleUser> add(ConsolePrincipal author, Conversation conversation, String text) {
        var now = clock.instant();
        rows.addTimeline(conversation.id(), ConversationChanged.What.NOTE, author.id(), author.displayName(), text, now);
        var mentioned = mentioned(conversation.businessId(), text);
        for (var user : mentioned) {
            jdbc.sql("""
                    INSERT INTO inbox_mention (user_id, business_id, conversation_id, author_name, note, created_at)
                    VALUES (:user, :business, :conversation, :author, :note, :at)""")
                    .param("user", user.id()).param("business", conversation.businessId())
                    .param("conversation", conversation.id()).param("author", author.displayName())
                    .param("note", text).param("at", SqlTime.utc(now)).update();
        }
        events.publishEvent(new ConversationChanged(conversation.id(), conversation.businessId(),
                ConversationChanged.What.NOTE, author.id(), now));
        return mentioned;
    }

    /** The business's console users a note names, each once. */
    List<ConsoleUser> mentioned(String businessId, String text) {
        var names = new LinkedHashSet<String>();
        MENTION.matcher(text).results().forEach(m -> names.add(m.group(1).toLowerCase(Locale.ROOT)));
        if (names.isEmpty()) {
            return List.of();
        }
        return users.ofBusiness(businessId).stream()
                .filter(user -> names.contains(user.login().substring(0, user.login().indexOf('@') < 0
                        ? user.login().length() : user.login().indexOf('@')).toLowerCase(Locale.ROOT)))
                .toList();
    }

    List<Mention> mentionsOf(String userId, int limit) {
        return jdbc.sql("""
                SELECT * FROM inbox_mention WHERE user_id = :user ORDER BY created_at DESC, id DESC LIMIT :limit""")
                .param("user", userId).param("limit", limit)
                .query((rs, row) -> new Mention(rs.getLong("id"), rs.getString("conversation_id"),
                        rs.getString("author_name"), rs.getString("note"), SqlTime.instant(rs, "created_at"),
                        rs.getObject("read_at") != null))
                .list();
    }

    int unreadMentions(String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM inbox_mention WHERE user_id = :user AND read_at IS NULL")
                .param("user", userId).query(Integer.class).single();
    }

    /** The user opened the conversation: its mentions of them are read. */
    void read(String userId, String conversationId) {
        jdbc.sql("""
                UPDATE inbox_mention SET read_at = :at
                WHERE user_id = :user AND conversation_id = :conversation AND read_at IS NULL""")
                .param("at", SqlTime.utc(clock.instant())).param("user", userId).param("conversation", conversationId)
                .update();
    }
}
