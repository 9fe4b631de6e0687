package io.openwaba.network.cloud;

import io.openwaba.network.OnCloud;
import io.openwaba.numbers.PhoneNumbers;
import io.openwaba.shared.ApiProblem;
import io.openwaba.shared.Caller;
import io.openwaba.shared.ManagementApi;
import java.time.Clock;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /api/phone-numbers/{id}/cloud} links a number to its Meta phone number (BSP admin
 * only; Meta is asked whether the token can read that number before anything is saved);
 * {@code GET} shows the link, never the token.
 */
@OnCloud
@ManagementApi
@RestController
@RequestMapping("/api/phone-numbers/{id}/cloud")
class CloudLinkController {

    private final PhoneNumbers numbers;
    private final CloudLinks links;
    private final RelayedMessages relayed;
    private final MetaGraph meta;
    private final Clock clock;

    CloudLinkController(PhoneNumbers numbers, CloudLinks links, RelayedMessages relayed, MetaGraph meta, Clock clock) {
        this.numbers = numbers;
        this.links = links;
        this.relayed = relayed;
        this.meta = meta;
        this.clock = clock;
    }

    record LinkRequest(String metaPhoneNumberId, String metaWabaId, String accessToken) {
    }

    /** {@code uncertain_messages}: sent to Meta without an answer, and not reported on by Meta since. */
    record LinkView(String phoneNumberId, String metaPhoneNumberId, String metaWabaId, String linkedAt,
                    String status, String brokenReason, long uncertainMessages) {
        static LinkView of(CloudLinks.Link link, long uncertain) {
            return new LinkView(link.phoneNumberId(), link.metaPhoneNumberId(), link.metaWabaId(),
                    link.linkedAt().toString(), link.broken() ? "BROKEN" : "LINKED", link.brokenReason(), uncertain);
        }
    }

    @PutMapping
    LinkView link(Caller caller, @PathVariable String id, @RequestBody(required = false) LinkRequest request) {
        if (!caller.isAdmin()) {
            throw ApiProblem.forbidden("linking a number to Meta needs the BSP admin token");
        }
        numbers.find(id).orElseThrow(() -> ApiProblem.notFound("phone number", id));
        if (request == null) {
            throw ApiProblem.badRequest("a body with meta_phone_number_id, meta_waba_id and access_token is required");
        }
        MetaInput.graphId("meta_phone_number_id", request.metaPhoneNumberId());
        MetaInput.graphId("meta_waba_id", request.metaWabaId());
        var token = MetaInput.accessToken(request.accessToken());
        var owner = links.numberOfMeta(request.metaPhoneNumberId());
        if (owner.isPresent() && !owner.get().equals(id)) {
            throw ApiProblem.conflict("Meta phone number " + request.metaPhoneNumberId()
                    + " is already linked to openwaba number " + owner.get());
        }
        checkWithMeta(request.metaPhoneNumberId(), token);
        links.save(id, request.metaPhoneNumberId(), request.metaWabaId(), token, clock.instant());
        return view(id);
    }

    @GetMapping
    LinkView show(Caller caller, @PathVariable String id) {
        numbers.find(caller, id).orElseThrow(() -> ApiProblem.notFound("phone number", id));
        return view(id);
    }

    private LinkView view(String id) {
        return links.find(id).map(link -> LinkView.of(link, relayed.uncertain(id)))
                .orElseThrow(() -> ApiProblem.notFound("Meta link of phone number", id));
    }

    private void checkWithMeta(String metaPhoneNumberId, String token) {
        MetaGraph.Answer answer;
        try {
            answer = meta.get(metaPhoneNumberId, token);
        } catch (MetaGraph.NotSent | MetaGraph.Unanswered unreachable) {
            throw ApiProblem.badRequest("Meta's Graph API could not be reached to check the link: "
                    + unreachable.getMessage());
        }
        if (!answer.ok()) {
            throw ApiProblem.badRequest("Meta refused to show phone number " + metaPhoneNumberId + " with this token: "
                    + answer.body().path("error").path("message").asString("HTTP " + answer.status()));
        }
    }
}
