package io.openwaba.messaging;

import io.openwaba.graph.GraphException;
import io.openwaba.messaging.policy.SendFacts;
import io.openwaba.messaging.policy.SendPolicy;
import io.openwaba.numbers.LimitStanding;
import io.openwaba.numbers.NumberSendRules;
import io.openwaba.numbers.PhoneNumber;
import io.openwaba.numbers.PhoneNumbers;
import io.openwaba.numbers.SendAdmission;
import io.openwaba.numbers.WaId;
import io.openwaba.shared.Decision;
import io.openwaba.shared.MetaError;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * "May this number send this content to these recipients now?", answered per recipient with the
 * refusals {@link MessageSender} would give, without sending, storing or taking anything: the
 * content and template, the number's status, the pair rate, the customer service window and the
 * messaging limit's headroom (the first customers that fit are allowed, the rest refused with the
 * count and when capacity frees). The cost is a few queries for the whole list, not per recipient.
 * The throughput is not a refusal here but a pace: {@link Result#messagesPerSecond}.
 */
@Service
public class SendCheck {

    private final PhoneNumbers numbers;
    private final ContentCheck contentCheck;
    private final SendAdmission admission;
    private final WindowRows windows;
    private final MessagingSettings settings;
    private final SendPolicy policy;
    private final Clock clock;

    SendCheck(PhoneNumbers numbers, ContentCheck contentCheck, SendAdmission admission, WindowRows windows,
              MessagingSettings settings, Clock clock) {
        this.numbers = numbers;
        this.contentCheck = contentCheck;
        this.admission = admission;
        this.windows = windows;
        this.settings = settings;
        this.clock = clock;
        this.policy = SendPolicy.standard(settings.customerServiceWindow());
    }

    /** One recipient's answer: {@code waId} is null when {@code to} is no phone number. */
    public record Recipient(String to, String waId, Decision decision) {
    }

    /**
     * The answers in the order asked, and the figures behind them: the messaging limit (null when
     * the number or the content was refused), how many recipients would start a business-initiated
     * conversation, and the pace the number sends at.
     */
    public record Result(List<Recipient> recipients, LimitStanding limit, int newConversations, int messagesPerSecond) {

        public long allowed() {
            return recipients.stream().filter(recipient -> recipient.decision().allowed()).count();
        }
    }

    public Result check(String phoneNumberId, MessageContent content, List<String> recipients) {
        var number = numbers.find(phoneNumberId).orElse(null);
        if (number == null) {
            var error = GraphException.unknownObject(phoneNumberId, "post").toMetaError();
            return everyone(recipients, Decision.refuse(MessageSender.UNKNOWN_NUMBER, error.title(), Map.of(), error));
        }
        ContentCheck.Checked checked;
        try {
            checked = contentCheck.check(number, new SendCommand(number.id(), null, content, null, null, Origin.API, null));
        } catch (GraphException e) {
            var error = e.toMetaError();
            return everyone(recipients, Decision.refuse(MessageSender.INVALID_REQUEST,
                    error.details() != null ? error.details() : error.title(), Map.of(), error));
        }
        var status = NumberSendRules.status(number);
        if (!status.allowed()) {
            return everyone(recipients, status);
        }
        var now = clock.instant();
        var parsed = new ArrayList<Optional<WaId>>(recipients.size());
        var waIds = new LinkedHashSet<String>();
        for (String to : recipients) {
            var waId = to == null ? Optional.<WaId>empty() : WaId.parse(to, number.waId().country());
            parsed.add(waId);
            waId.ifPresent(id -> waIds.add(id.digits()));
        }
        var windowOf = windows.findAll(number.id(), waIds);
        var starting = new LinkedHashSet<String>();
        for (String waId : waIds) {
            var window = windowOf.get(waId);
            if (checked.template() && !waId.equals(number.waId().digits()) && (window == null || !open(window, now))) {
                starting.add(waId);
            }
        }
        var limit = checked.template() ? admission.standing(number, starting, now) : null;
        long headroom = limit == null ? 0 : limit.headroom();
        var counted = new HashSet<String>(limit == null ? java.util.Set.of() : limit.alreadyReached());
        var answers = new ArrayList<Recipient>(recipients.size());
        for (int i = 0; i < recipients.size(); i++) {
            var to = recipients.get(i);
            var waId = parsed.get(i).orElse(null);
            if (waId == null) {
                var error = MetaError.invalidParameter("Param to is not a valid phone number: '" + to + "'.");
                answers.add(new Recipient(to, null, Decision.refuse(MessageSender.INVALID_REQUEST, error.title(),
                        Map.of(), error)));
                continue;
            }
            var digits = waId.digits();
            Decision decision;
            if (digits.equals(number.waId().digits())) {
                var error = MetaError.whatsapp(131021, "Recipient cannot be sender",
                        "Sender and recipient phone number is the same.");
                decision = Decision.refuse(MessageSender.INVALID_REQUEST, error.details(), Map.of(), error);
            } else {
                decision = admission.wouldPass(number, digits, now);
            }
            if (decision.allowed()) {
                var window = Optional.ofNullable(windowOf.get(digits));
                decision = policy.check(new SendFacts(checked.template(), window.map(WindowRows.Window::lastInboundAt)), now);
            }
            if (decision.allowed() && starting.contains(digits) && !counted.contains(digits)) {
                decision = NumberSendRules.messagingLimitBeforeSending(limit, headroom);
                if (decision.allowed()) {
                    headroom--;
                    counted.add(digits);
                }
            }
            answers.add(new Recipient(to, digits, decision));
        }
        return new Result(answers, limit, starting.size(), number.messagesPerSecond());
    }

    private boolean open(WindowRows.Window window, Instant now) {
        return now.isBefore(window.lastInboundAt().plus(settings.customerServiceWindow()));
    }

    private static Result everyone(List<String> recipients, Decision decision) {
        var answers = recipients.stream().map(to -> new Recipient(to, null, decision)).toList();
        return new Result(answers, null, 0, 0);
    }
}
