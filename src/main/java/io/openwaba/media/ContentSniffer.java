package io.openwaba.media;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a file's type from its first bytes, not from its name or the type the client declared:
 * a PNG called {@code invoice.pdf} is an image. The declared type only picks between formats
 * the bytes cannot tell apart (Word, Excel and PowerPoint share one container).
 */
final class ContentSniffer {

    /** How much of the file's start the sniffer looks at. */
    static final int HEAD = 64 * 1024;

    private static final Set<String> MP4_BRANDS = Set.of("isom", "iso2", "iso4", "iso5", "iso6", "mp41", "mp42",
            "avc1", "M4V ", "M4VP", "dash", "mmp4", "MSNV", "f4v ");
    private static final Set<String> OLE_TYPES = Set.of("application/msword", "application/vnd.ms-excel",
            "application/vnd.ms-powerpoint");

    private ContentSniffer() {
    }

    static Optional<String> mimeType(byte[] head, String declaredType, String filename) {
        var declared = declaredType == null ? "" : declaredType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        var name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        if (startsWith(head, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of("image/jpeg");
        }
        if (startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of("image/png");
        }
        if (startsWith(head, 0, 'R', 'I', 'F', 'F') && startsWith(head, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of("image/webp");
        }
        if (startsWith(head, 0, '%', 'P', 'D', 'F', '-')) {
            return Optional.of("application/pdf");
        }
        if (startsWith(head, 4, 'f', 't', 'y', 'p')) {
            var brand = head.length >= 12 ? new String(head, 8, 4, StandardCharsets.US_ASCII) : "";
            if (brand.startsWith("3g")) {
                return Optional.of("video/3gpp");
            }
            if (brand.startsWith("M4A")) {
                return Optional.of("audio/mp4");
            }
            // HEIC, AVIF and QuickTime share the box format but are not MP4.
            return MP4_BRANDS.contains(brand) ? Optional.of("video/mp4") : Optional.empty();
        }
        if (startsWith(head, 0, 'O', 'g', 'g', 'S')) {
            return Optional.of("audio/ogg");
        }
        if (startsWith(head, 0, '#', '!', 'A', 'M', 'R')) {
            return Optional.of("audio/amr");
        }
        if (startsWith(head, 0, 'I', 'D', '3')) {
            return Optional.of("audio/mpeg");
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xF6) == 0xF0) {
            return Optional.of("audio/aac"); // ADTS frame sync, layer 0
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0) {
            return Optional.of("audio/mpeg"); // MPEG audio frame sync
        }
        if (startsWith(head, 0, 'P', 'K', 3, 4)) {
            return officeOpenXml(head);
        }
        if (startsWith(head, 0, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            if (OLE_TYPES.contains(declared)) {
                return Optional.of(declared);
            }
            if (name.endsWith(".xls")) {
                return Optional.of("application/vnd.ms-excel");
            }
            return Optional.of(name.endsWith(".ppt") ? "application/vnd.ms-powerpoint" : "application/msword");
        }
        return isText(head) ? Optional.of("text/plain") : Optional.empty();
    }

    /** Whether a WebP file is animated (its VP8X header's animation flag). */
    static boolean isAnimatedWebp(byte[] head) {
        return startsWith(head, 12, 'V', 'P', '8', 'X') && head.length > 20 && (head[20] & 0x02) != 0;
    }

    private static Optional<String> officeOpenXml(byte[] head) {
        var names = new String(head, StandardCharsets.ISO_8859_1);
        if (names.contains("word/")) {
            return Optional.of("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        }
        if (names.contains("xl/")) {
            return Optional.of("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        }
        if (names.contains("ppt/")) {
            return Optional.of("application/vnd.openxmlformats-officedocument.presentationml.presentation");
        }
        return Optional.empty(); // some other ZIP archive
    }

    /** UTF-8 without NUL or other control characters than tab and line breaks. */
    private static boolean isText(byte[] head) {
        if (head.length == 0) {
            return false;
        }
        int length = head.length;
        // A multi-byte character may be cut at the end of the head.
        while (length > 0 && length > head.length - 4 && (head[length - 1] & 0xC0) == 0x80) {
            length--;
        }
        if (length > 0 && (head[length - 1] & 0xC0) == 0xC0) {
            length--;
        }
        for (int i = 0; i < length; i++) {
            int b = head[i] & 0xFF;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != 0x0C) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Arrays.copyOf(head, length)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean startsWith(byte[] data, int offset, int... expected) {
        if (data.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((data[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
