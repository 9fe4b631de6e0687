package io.openwaba.messaging;

import java.time.Instant;

/** The network's word on an outbound message: {@code sent}, {@code delivered}, {@code read} or {@code failed}. */
public record StatusReport(String wamid, String status, Instant at, MessageError error) {
}
