package io.openwaba.network;

import java.time.Instant;

/**
 * Meta refused the access token of a number linked to its Cloud API: the number's messages wait
 * until it is linked again. Published once per break, in the transaction that marks the link broken.
 */
public record CloudLinkBroken(String phoneNumberId, String wabaId, String displayPhoneNumber, String reason,
                              Instant at) {
}
