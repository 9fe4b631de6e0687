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
            return new Answer.Refused(MetaGraph.unreachable(unreachable));
        }
        if (answer.ok()) {
            return new Answer.Accepted(answer.body());
        }
        return new Answer.Refused(brokenLinks.refusal(number.id(), answer));
    }
}
