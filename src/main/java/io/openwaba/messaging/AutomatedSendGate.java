package io.openwaba.messaging;

import io.openwaba.shared.Decision;
import java.util.Optional;

/**
 * A check every automated send passes (origin {@code bot} or {@code funnel}): a module that
 * knows a reason such a message must not go out, such as an operator owning the conversation,
 * answers a refusal. The send API applies it, so no automated responder can go around it.
 */
public interface AutomatedSendGate {

    Optional<Decision.Refused> check(String phoneNumberId, String waId, Origin origin);
}
