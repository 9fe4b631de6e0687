package io.openwaba.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageStatusTest {

    @Test
    void aReportThatSkipsStepsGoesThroughEachOfThemInOrder() {
        assertThat(MessageStatus.steps("accepted", "sent")).containsExactly("sent");
        assertThat(MessageStatus.steps("accepted", "delivered")).containsExactly("sent", "delivered");
        assertThat(MessageStatus.steps("accepted", "read")).containsExactly("sent", "delivered", "read");
        assertThat(MessageStatus.steps("sent", "read")).containsExactly("delivered", "read");
    }

    @Test
    void aLateOrRepeatedReportChangesNothing() {
        assertThat(MessageStatus.steps("delivered", "sent")).isEmpty();
        assertThat(MessageStatus.steps("read", "read")).isEmpty();
        assertThat(MessageStatus.steps("read", "failed")).isEmpty();
        assertThat(MessageStatus.steps("failed", "delivered")).isEmpty();
    }

    @Test
    void failedEndsAMessageThatWasNotReadWithoutStepsBefore() {
        assertThat(MessageStatus.steps("accepted", "failed")).containsExactly("failed");
        assertThat(MessageStatus.steps("delivered", "failed")).containsExactly("failed");
    }
}
