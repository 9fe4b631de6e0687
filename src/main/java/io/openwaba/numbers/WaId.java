package io.openwaba.numbers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import java.util.Optional;

/**
 * A WhatsApp id: a phone number in plain international digits ({@code 4915112345678}), with
 * the country it belongs to. Parsed and validated by libphonenumber.
 */
public record WaId(String digits, String country) {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    /**
     * Reads a number as clients write it: with or without {@code +}, with spaces, dashes or
     * brackets. Digits without {@code +} are tried as international first and then, as Meta
     * does, as a national number of {@code fallbackRegion} (the business number's country).
     */
    public static Optional<WaId> parse(String input, String fallbackRegion) {
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
            if (!PHONES.isValidNumber(number)) {
                return Optional.empty();
            }
            var digits = PHONES.format(number, PhoneNumberFormat.E164).substring(1);
            return Optional.of(new WaId(digits, PHONES.getRegionCodeForNumber(number)));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
