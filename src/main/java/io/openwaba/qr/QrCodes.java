package io.openwaba.qr;

import io.openwaba.graph.GraphException;
import io.openwaba.numbers.PhoneNumber;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** Creates, changes and looks up a number's QR codes and short links. */
@Service
public class QrCodes {

    /** Meta does not publish a limit; this is the length of a chat message preview users see in full. */
    static final int MAX_PREFILLED = 140;
    private static final char[] CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final QrRows rows;
    private final Clock clock;

    QrCodes(QrRows rows, Clock clock) {
        this.rows = rows;
        this.clock = clock;
    }

    QrCode create(PhoneNumber number, String prefilledMessage) {
        var message = checked(prefilledMessage);
        for (int attempt = 0; ; attempt++) {
            var qr = new QrCode(newCode(), number.id(), message, clock.instant());
            try {
                rows.insert(qr);
                return qr;
            } catch (DuplicateKeyException taken) {
                if (attempt == 3) {
                    throw taken;
                }
            }
        }
    }

    QrCode update(PhoneNumber number, String code, String prefilledMessage) {
        var message = checked(prefilledMessage);
        var qr = of(number, code);
        rows.update(qr.code(), message, clock.instant());
        return new QrCode(qr.code(), qr.phoneNumberId(), message, qr.createdAt());
    }

    List<QrCode> list(PhoneNumber number) {
        return rows.ofNumber(number.id());
    }

    QrCode of(PhoneNumber number, String code) {
        return rows.find(code).filter(qr -> qr.phoneNumberId().equals(number.id()))
                .orElseThrow(() -> GraphException.unknownObject(code, "get"));
    }

    void delete(PhoneNumber number, String code) {
        rows.delete(of(number, code).code());
    }

    /** The code a deep link ({@code https://wa.me/message/{code}}) or a bare code names. */
    public Optional<QrCode> resolve(String linkOrCode) {
        var code = linkOrCode.trim();
        if (code.startsWith(QrCode.DEEP_LINK_PREFIX)) {
            code = code.substring(QrCode.DEEP_LINK_PREFIX.length());
        }
        return code.matches("[A-Z0-9]{14}") ? rows.find(code) : Optional.empty();
    }

    Optional<QrCode> find(String code) {
        return rows.find(code);
    }

    private static String checked(String prefilledMessage) {
        if (prefilledMessage == null || prefilledMessage.isBlank()) {
            throw GraphException.missingParameter("Param prefilled_message is required.");
        }
        if (prefilledMessage.codePointCount(0, prefilledMessage.length()) > MAX_PREFILLED) {
            throw GraphException.invalidParameter("Param prefilled_message must be at most " + MAX_PREFILLED
                    + " characters long.");
        }
        return prefilledMessage;
    }

    private static String newCode() {
        var out = new StringBuilder(14);
        for (int i = 0; i < 14; i++) {
            out.append(CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)]);
        }
        return out.toString();
    }
}
