package io.openwaba.inbox;

/** A business's ready-made answer, found in the reply box by typing {@code /} and its shortcut. */
record CannedResponse(String id, String shortcut, String text) {
}
