package io.openwaba.numbers;

/**
 * Whether a number proved it receives its verification code, as Meta names it: NOT_VERIFIED until
 * the code sent by {@code request_code} comes back, VERIFIED once it did, EXPIRED when it came back
 * too late. Only a VERIFIED number registers. A new code can be asked for in any of them.
 */
public enum CodeVerificationStatus {
    NOT_VERIFIED, VERIFIED, EXPIRED
}
