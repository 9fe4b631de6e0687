package io.openwaba.numbers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A WhatsApp id: a phone number in plain international digits ({@code 4915112345678}), with
 * the country it belongs to. Parsed and validated by libphonenumber.
 */
public record WaId(String digits, String country) {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    // Parsing with libphonenumber costs tens of microseconds and senders repeat their recipients.
    private static final int CACHE_LIMIT = 100_000;
    private static final Map<String, Optional<WaId>> PARSED = new ConcurrentHashMap<>();

    /**
     * Reads a number as clients write it: with or without {@code +}, with spaces, dashes or
     * brackets. Digits without {@code +} are tried as international first and then, as Meta
     * does, as a national number of {@code fallbackRegion} (the business number's country).
     */
    public static Optional<WaId> parse(String input, String fallbackRegion) {
        if (input == null || input.length() > 40) {
            return Optional.empty();
        }
        var key = fallbackRegion + "|" + input;
        var cached = PARSED.get(key);
        if (cached != null) {
            return cached;
        }
        var parsed = parseUncached(input, fallbackRegion);
        if (PARSED.size() >= CACHE_LIMIT) {
            PARSED.clear();
        }
        PARSED.put(key, parsed);
        return parsed;
    }

    private static Optional<WaId> parseUncached(String input, String fallbackRegion) {
        if (input == null || input.isBlank() || input.length() > 40 || !input.matches("[+\\d\\s\\-().]+")) {
            return Optional.empty();
        }
        var international = tryParse(input.trim().startsWith("+") ? input : "+" + input.trim(), "ZZ");
        if (international.isPresent() || input.trim().startsWith("+") || fallbackRegion == null) {
            return international;
        }
        return tryParse(input, fallbackRegion);
    }

    public String display() {
        try {
            return PHONES.format(PHONES.parse("+" + digits, "ZZ"), PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return "+" + digits;
        }
    }

    private static Optional<WaId> tryParse(String input, String region) {
        try {
            var number = PHONES.parse(input, region);
            var country = PHONES.getRegionCodeForNumber(number);
            // Non-geographic numbers (+800, +882 ...) have no country: "001".
            if (!PHONES.isValidNumber(number) || country == null || country.length() != 2 || country.equals("ZZ")) {
                return Optional.empty();
            }
            var digits = PHONES.format(number, PhoneNumberFormat.E164).substring(1);
            return Optional.of(new WaId(digits, country));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
