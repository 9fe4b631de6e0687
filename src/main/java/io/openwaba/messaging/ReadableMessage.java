package io.openwaba.messaging;

import java.util.List;

/**
 * What a message shows a person, whatever its type: its text (WhatsApp-formatted, as typed) and
 * the items its type carries: buttons, list rows, products, order lines, contact cards,
 * coordinates, a file's name. An item with a {@code replyId} is a button or row the customer can
 * tap ({@code replyKind} {@code button_reply} or {@code list_reply}); {@code mediaId} names the
 * file of a media message.
 */
public record ReadableMessage(String text, List<Item> items, String mediaId) {

    public record Item(String title, String replyKind, String replyId) {

        static Item of(String title) {
            return new Item(title, null, null);
        }

        public boolean tappable() {
            return replyId != null;
        }
    }
}
