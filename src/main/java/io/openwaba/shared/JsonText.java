package io.openwaba.shared;

/** Checks on raw JSON text before it is parsed. */
public final class JsonText {

    private static final byte[] NUL_ESCAPE = {'\\', 'u', '0', '0', '0', '0'};

    private JsonText() {
    }

    /**
     * Whether the JSON holds the escape of a NUL character. A raw NUL is already invalid JSON; the
     * escape is found by its bytes, and counts only if its backslash is not itself escaped.
     */
    public static boolean hasEscapedNul(byte[] json) {
        for (int at = indexOf(json, 0); at >= 0; at = indexOf(json, at + 1)) {
            int backslashes = 0;
            for (int before = at - 1; before >= 0 && json[before] == '\\'; before--) {
                backslashes++;
            }
            if (backslashes % 2 == 0) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] json, int from) {
        outer:
        for (int i = from; i <= json.length - NUL_ESCAPE.length; i++) {
            for (int j = 0; j < NUL_ESCAPE.length; j++) {
                if (json[i + j] != NUL_ESCAPE[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
