package io.openwaba.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.messaging.MessageContent;
import org.junit.jupiter.api.Test;

/** The reply buttons' rule, as plain Java. */
class QuickRepliesTest {

    @Test
    void linesBecomeButtonsWithinWhatsAppsLimits() {
        var parsed = QuickReplies.parse(" Yes \r\n\nNo\n", "Shall we deliver tomorrow?");
        assertThat(parsed.problem()).isNull();
        assertThat(parsed.replies().titles()).containsExactly("Yes", "No");
        var message = (MessageContent.CloudApi) parsed.replies().message("Shall we deliver tomorrow?").orElseThrow();
        assertThat(message.type()).isEqualTo("interactive");
        assertThat(message.toString()).contains("quick-1", "quick-2", "Shall we deliver tomorrow?");

        assertThat(QuickReplies.parse("", "hi").replies().message("hi")).isEmpty();
        assertThat(QuickReplies.parse("a\nb\nc\nd", "hi").problem()).isEqualTo("inbox.error.quick.count");
        assertThat(QuickReplies.parse("x".repeat(21), "hi").problem()).isEqualTo("inbox.error.quick.title");
        assertThat(QuickReplies.parse("😀".repeat(20), "hi").problem()).isNull();
        assertThat(QuickReplies.parse("Yes\nyes", "hi").problem()).isEqualTo("inbox.error.quick.twice");
        assertThat(QuickReplies.parse("Yes", "x".repeat(1025)).problem()).isEqualTo("inbox.error.quick.body");
        assertThat(QuickReplies.parse("", "x".repeat(1025)).problem()).isNull();
    }
}
