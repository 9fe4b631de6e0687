package io.openwaba.numbers;

import java.time.Instant;
import java.util.Optional;

/**
 * A number's link to the network beyond openwaba (Meta's Cloud API in cloud mode), as its health
 * view shows it. The network implements it; without an implementation (sandbox mode) the health
 * view has no link to show.
 */
public interface NumberRelay {

    /** The link of this number, empty when it has none. */
    Optional<Link> linkOf(String phoneNumberId);

    /** {@code status} LINKED or BROKEN, {@code since} when it became so, {@code reason} why it broke. */
    record Link(String status, String reason, Instant since) {
    }
}
