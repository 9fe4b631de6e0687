package io.openwaba.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.messaging.MessageReceived;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConversationPreviewTest {

    private final Conversations conversations = new Conversations(null, null, null, null, null);

    private String preview(String type, Object content) {
        return conversations.preview(new MessageReceived("wamid.1", "1", "2", "3", "4", null, type, content, null,
                Instant.EPOCH));
    }

    @Test
    void aTextShowsItsBodyAndOtherTypesTheirCaptionOrType() {
        assertThat(preview("text", Map.of("body", "Hello"))).isEqualTo("Hello");
        assertThat(preview("image", Map.of("id", "9", "caption", "the red one"))).isEqualTo("the red one");
        assertThat(preview("image", Map.of("id", "9"))).isEqualTo("[image]");
        assertThat(preview("location", Map.of("latitude", 1, "longitude", 2))).isEqualTo("[location]");
        assertThat(preview("unsupported", null)).isEqualTo("[unsupported]");
    }

    @Test
    void aLongTextIsCutWithoutSplittingACharacter() {
        var text = "😀".repeat(300);
        var preview = preview("text", Map.of("body", text));
        assertThat(preview.length()).as("fits the column on H2, which counts UTF-16 units")
                .isLessThanOrEqualTo(Conversations.PREVIEW_LENGTH);
        assertThat(preview).endsWith("😀…").doesNotContain("\uFFFD");
        assertThat(Character.isHighSurrogate(preview.charAt(preview.length() - 2))).isFalse();
    }
}
