package io.openwaba.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.inbox.InboundRule.Automated;
import io.openwaba.inbox.InboundRule.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InboundRuleTest {

    @Test
    void aFirstMessageWaitsInTheQueueOrIsGreetedByTheResponder() {
        assertThat(InboundRule.apply(null, false, false))
                .isEqualTo(new Outcome(ConversationStatus.PENDING, OwnerKind.QUEUE, Automated.NONE));
        assertThat(InboundRule.apply(null, true, false))
                .isEqualTo(new Outcome(ConversationStatus.PENDING, OwnerKind.BOT, Automated.GREET));
        assertThat(InboundRule.apply(null, true, true))
                .isEqualTo(new Outcome(ConversationStatus.PENDING, OwnerKind.QUEUE, Automated.HAND_OFF));
    }

    @Test
    void theResponderHandsOffOnceAndThenStaysQuiet() {
        var withBot = conversation(ConversationStatus.PENDING, OwnerKind.BOT);
        assertThat(InboundRule.apply(withBot, true, false).automated()).isEqualTo(Automated.NONE);
        assertThat(InboundRule.apply(withBot, true, true))
                .isEqualTo(new Outcome(ConversationStatus.PENDING, OwnerKind.QUEUE, Automated.HAND_OFF));
        var queued = conversation(ConversationStatus.PENDING, OwnerKind.QUEUE);
        assertThat(InboundRule.apply(queued, true, true).automated()).isEqualTo(Automated.NONE);
        assertThat(InboundRule.apply(queued, true, false).automated()).isEqualTo(Automated.NONE);
    }

    @Test
    void anOperatorsConversationStaysTheirsAndWakesUp() {
        for (var status : ConversationStatus.values()) {
            var outcome = InboundRule.apply(conversation(status, OwnerKind.OPERATOR), true, true);
            assertThat(outcome.owner()).isEqualTo(OwnerKind.OPERATOR);
            assertThat(outcome.automated()).isEqualTo(Automated.NONE);
            assertThat(outcome.status()).isEqualTo(status == ConversationStatus.PENDING
                    ? ConversationStatus.PENDING : ConversationStatus.OPEN);
        }
    }

    @Test
    void aResolvedConversationStartsAgainAndASnoozedOneWakesWithoutAGreeting() {
        assertThat(InboundRule.apply(conversation(ConversationStatus.RESOLVED, OwnerKind.QUEUE), true, false))
                .isEqualTo(new Outcome(ConversationStatus.PENDING, OwnerKind.BOT, Automated.GREET));
        assertThat(InboundRule.apply(conversation(ConversationStatus.SNOOZED, OwnerKind.QUEUE), true, false))
                .isEqualTo(new Outcome(ConversationStatus.PENDING, OwnerKind.QUEUE, Automated.NONE));
        assertThat(InboundRule.apply(conversation(ConversationStatus.PENDING, OwnerKind.BOT), false, false).owner())
                .as("a responder turned off owns nothing").isEqualTo(OwnerKind.QUEUE);
    }

    @Test
    void keywordsAreWholeWordsInAnyCaseAndTheButtonAsksToo() {
        var reply = new AutoReply("1", true, "Hi", "Person", AutoReply.keywords(" Operator, оператор ,,"), "", "");
        assertThat(reply.keywords()).containsExactly("operator", "оператор");
        assertThat(reply.asksForPerson("I want an OPERATOR!", null)).isTrue();
        assertThat(reply.asksForPerson("Позовите ОПЕРАТОРА", null)).isTrue();
        assertThat(reply.asksForPerson("оператор", null)).isTrue();
        assertThat(reply.asksForPerson("cooperatory", null)).isFalse();
        assertThat(reply.asksForPerson("", AutoReply.HANDOFF_BUTTON)).isTrue();
        var phrase = new AutoReply("1", true, "Hi", "Person", AutoReply.keywords("real person"), "", "");
        assertThat(phrase.asksForPerson("Can I talk to a real person?", null)).isTrue();
        assertThat(phrase.asksForPerson("a person, for real", null)).isFalse();
        assertThat(phrase.asksForPerson("a surreal personality", null)).isFalse();
        var dashed = new AutoReply("1", true, "Hi", "Person", AutoReply.keywords("e-mail"), "", "");
        assertThat(dashed.asksForPerson("Send me an E-Mail", null)).isTrue();
    }

    @Test
    void roundRobinGoesToWhoWaitedLongestUnderTheCap() {
        var t = Instant.parse("2026-12-04T10:00:00Z");
        var online = List.of(new AssignmentRows.Online("a", t.plusSeconds(5)), new AssignmentRows.Online("b", t),
                new AssignmentRows.Online("c", null));
        assertThat(RoundRobin.next(online, Map.of(), 2)).contains("c");
        assertThat(RoundRobin.next(online, Map.of("c", 2), 2)).contains("b");
        assertThat(RoundRobin.next(online, Map.of("c", 2, "b", 3), 2)).contains("a");
        assertThat(RoundRobin.next(online, Map.of("a", 2, "b", 2, "c", 2), 2)).isEmpty();
    }

    private static Conversation conversation(ConversationStatus status, OwnerKind owner) {
        return new Conversation("c1", "b1", "n1", "4915100000000", "Anna", status, owner,
                owner == OwnerKind.OPERATOR ? "u1" : null, Instant.EPOCH, "hi", 0, null, null);
    }
}
