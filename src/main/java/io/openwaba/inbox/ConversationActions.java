package io.openwaba.inbox;

import io.openwaba.console.ConsolePrincipal;
import io.openwaba.inbox.ConversationChanged.What;
import io.openwaba.messaging.MessageContent;
import io.openwaba.messaging.MessageSender;
import io.openwaba.messaging.Origin;
import io.openwaba.messaging.SendCommand;
import io.openwaba.messaging.SendResult;
import io.openwaba.tenancy.ConsoleRole;
import io.openwaba.tenancy.ConsoleUser;
import io.openwaba.tenancy.Team;
import java.time.Clock;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an operator does with a conversation: take it, hand it back to the queue, resolve or
 * reopen it, and answer the customer. Ownership changes are single conditional updates, so two
 * operators taking one conversation at once get one winner; each change is a timeline entry and
 * a {@link ConversationChanged}. Answers go through the internal send API with origin
 * {@code inbox} and the operator as actor, and only from the conversation's owner.
 */
@Service
public class ConversationActions {

    private final ConversationRows rows;
    private final MessageSender sender;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final Assignments assignments;

    ConversationActions(ConversationRows rows, MessageSender sender, ApplicationEventPublisher events, Clock clock,
                        TransactionTemplate tx, Assignments assignments) {
        this.assignments = assignments;
        this.rows = rows;
        this.sender = sender;
        this.events = events;
        this.clock = clock;
        this.tx = tx;
    }

    /** The answer to a reply: sent, refused by a send rule, or not the caller's to answer. */
    public sealed interface ReplyResult {
        record Sent(String wamid) implements ReplyResult {
        }

        record Refused(String reason) implements ReplyResult {
        }

        record OwnedByAnother(String ownerId) implements ReplyResult {
        }
    }

    public TakeResult take(ConsolePrincipal user, Conversation conversation) {
        if (conversation.ownedBy(user.id())) {
            return new TakeResult.AlreadyYours();
        }
        return tx.execute(status -> {
            if (!rows.take(conversation.id(), user.id())) {
                var now = rows.find(conversation.businessId(), conversation.id()).orElseThrow();
                return now.ownedBy(user.id()) ? new TakeResult.AlreadyYours()
                        : new TakeResult.OwnedByAnother(now.ownerId());
            }
            changed(user, conversation, What.TAKEN);
            return new TakeResult.Taken();
        });
    }

    /**
     * Gives the conversation to that operator of the business (a colleague, or oneself). An
     * operator may not take it from another operator this way; a business admin may. False when
     * it was not theirs to give.
     */
    @Transactional
    public boolean assignToOperator(ConsolePrincipal user, Conversation conversation, ConsoleUser operator) {
        if (!rows.assignToOperator(conversation.id(), operator.id(), user.id(), mayReassign(user))) {
            return false;
        }
        changed(user, conversation, What.REASSIGNED, operator.displayName());
        return true;
    }

    /** Puts the conversation in the team's queue, on the terms of {@link #assignToOperator}; its members get it next. */
    @Transactional
    public boolean assignToTeam(ConsolePrincipal user, Conversation conversation, Team team) {
        if (!rows.assignToTeam(conversation.id(), team.id(), user.id(), mayReassign(user))) {
            return false;
        }
        changed(user, conversation, What.TEAM_ASSIGNED, team.name());
        assignments.assignWaiting(conversation.businessId(), null);
        return true;
    }

    private static boolean mayReassign(ConsolePrincipal user) {
        return user.role() == ConsoleRole.BUSINESS_ADMIN;
    }

    @Transactional
    public boolean handBack(ConsolePrincipal user, Conversation conversation) {
        if (!rows.handBack(conversation.id(), user.id())) {
            return false;
        }
        changed(user, conversation, What.HANDED_BACK);
        assignments.assignWaiting(conversation.businessId(), user.id());
        return true;
    }

    @Transactional
    public boolean resolve(ConsolePrincipal user, Conversation conversation) {
        if (!rows.resolve(conversation.id())) {
            return false;
        }
        changed(user, conversation, What.RESOLVED);
        assignments.assignWaiting(conversation.businessId(), null);
        return true;
    }

    /** Snoozed until {@code until}, or until the customer writes when it is null. */
    @Transactional
    public boolean snooze(ConsolePrincipal user, Conversation conversation, Instant until) {
        if (!rows.snooze(conversation.id(), until)) {
            return false;
        }
        var now = clock.instant();
        rows.addTimeline(conversation.id(), What.SNOOZED, user.id(), user.displayName(),
                until == null ? null : until.toString(), now);
        events.publishEvent(new ConversationChanged(conversation.id(), conversation.businessId(), What.SNOOZED,
                user.id(), now));
        return true;
    }

    @Transactional
    public boolean reopen(ConsolePrincipal user, Conversation conversation) {
        if (!rows.reopen(conversation.id())) {
            return false;
        }
        changed(user, conversation, What.REOPENED);
        return true;
    }

    /** The operator read the conversation: its unread count is cleared. */
    public void opened(Conversation conversation) {
        if (conversation.unread() > 0) {
            rows.markRead(conversation.id());
        }
    }

    /**
     * Sends the operator's answer. A conversation nobody owns is taken first (so a reply is also a
     * take, with the same single winner); one another operator owns is theirs to answer.
     */
    public ReplyResult reply(ConsolePrincipal user, Conversation conversation, MessageContent content) {
        if (!conversation.ownedBy(user.id()) && take(user, conversation) instanceof TakeResult.OwnedByAnother other) {
            return new ReplyResult.OwnedByAnother(other.ownerId());
        }
        var result = sender.send(SendCommand.of(conversation.phoneNumberId(), conversation.waId(), content,
                Origin.INBOX, user.id()));
        if (result instanceof SendResult.Accepted accepted) {
            events.publishEvent(new ConversationChanged(conversation.id(), conversation.businessId(),
                    What.MESSAGE_SENT, user.id(), clock.instant()));
            return new ReplyResult.Sent(accepted.wamid());
        }
        var refusal = ((SendResult.Refused) result).refusal();
        return new ReplyResult.Refused(refusal.error() != null && refusal.error().details() != null
                ? refusal.error().details() : refusal.reason());
    }

    private void changed(ConsolePrincipal user, Conversation conversation, What what) {
        changed(user, conversation, what, null);
    }

    private void changed(ConsolePrincipal user, Conversation conversation, What what, String detail) {
        var now = clock.instant();
        rows.addTimeline(conversation.id(), what, user.id(), user.displayName(), detail, now);
        events.publishEvent(new ConversationChanged(conversation.id(), conversation.businessId(), what, user.id(), now));
    }
}
