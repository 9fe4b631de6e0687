package io.openwaba.network.cloud;

import io.openwaba.network.OnCloud;
import io.openwaba.numbers.PhoneNumber;
import io.openwaba.profile.ProfileRelay;
import io.openwaba.shared.MetaError;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * The business profile at Meta: {@code GET/POST /{meta-phone-number-id}/whatsapp_business_profile}
 * with the number's token. A refused token breaks the link, as it does for messages.
 */
@OnCloud
@Component
class MetaProfile implements ProfileRelay {

    private final CloudLinks links;
    private final BrokenLinks brokenLinks;
    private final MetaGraph meta;

    MetaProfile(CloudLinks links, BrokenLinks brokenLinks, MetaGraph meta) {
        this.links = links;
        this.brokenLinks = brokenLinks;
        this.meta = meta;
    }

    @Override
    public Answer read(PhoneNumber number, String fields) {
        var query = fields == null ? "" : "?fields=" + URLEncoder.encode(fields, StandardCharsets.UTF_8);
        return ask(number, (link, path) -> meta.get(path + query, link.token()));
    }

    @Override
    public Answer update(PhoneNumber number, ObjectNode body) {
        return ask(number, (link, path) -> meta.post(path, link.token(), body));
    }

    private interface Call {
        MetaGraph.Answer on(CloudLinks.Link link, String path) throws MetaGraph.NotSent, MetaGraph.Unanswered;
    }

    private Answer ask(PhoneNumber number, Call call) {
        var link = links.find(number.id()).orElse(null);
        if (link == null) {
            return new Answer.Refused(MetaError.whatsapp(131000, "Something went wrong",
                    "The business number is not linked to a phone number on Meta's Cloud API."));
        }
        MetaGraph.Answer answer;
        try {
            answer = call.on(link, link.metaPhoneNumberId() + "/whatsapp_business_profile");
        } catch (MetaGraph.NotSent | MetaGraph.Unanswered unreachable) {
            return new Answer.Refused(new MetaError(503, 2, null, "OAuthException",
                    "Service temporarily unavailable", "Meta's Cloud API did not answer: " + unreachable.getMessage()));
        }
        if (answer.ok()) {
            return new Answer.Accepted(answer.body());
        }
        var error = answer.body().path("error");
        Integer code = error.path("code").isNumber() ? error.path("code").asInt() : null;
        if (MetaErrorRule.classify(answer.status(), code) == MetaErrorRule.Outcome.BROKEN_LINK) {
            brokenLinks.report(number.id(), "Meta refused the access token: " + error.path("message").asString(""));
        }
        var details = error.path("error_data").path("details");
        return new Answer.Refused(new MetaError(answer.status() >= 400 && answer.status() < 600 ? answer.status() : 400,
                code == null ? 1 : code, error.path("error_subcode").isNumber() ? error.path("error_subcode").asInt() : null,
                error.path("type").asString("OAuthException"),
                error.path("message").asString("Meta answered HTTP " + answer.status()),
                details.isMissingNode() || details.isNull() ? null : details.asString()));
    }
}
