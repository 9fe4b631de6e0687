package io.openwaba.network.cloud;

import io.openwaba.network.OnCloud;
import io.openwaba.numbers.PhoneNumber;
import io.openwaba.numbers.PhoneNumbers;
import io.openwaba.shared.MetaError;
import io.openwaba.templates.TemplateRelay;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * A WABA's templates at Meta: {@code POST/DELETE /{meta-waba-id}/message_templates} and
 * {@code POST /{meta-template-id}}, with the token of a number linked in that WABA (the link
 * names the Meta WABA). A refused token breaks that number's link, as it does for messages.
 */
@OnCloud
@Component
class MetaTemplates implements TemplateRelay {

    private final CloudLinks links;
    private final PhoneNumbers numbers;
    private final BrokenLinks brokenLinks;
    private final MetaGraph meta;

    MetaTemplates(CloudLinks links, PhoneNumbers numbers, BrokenLinks brokenLinks, MetaGraph meta) {
        this.links = links;
        this.numbers = numbers;
        this.brokenLinks = brokenLinks;
        this.meta = meta;
    }

    @Override
    public Answer create(String wabaId, ObjectNode body) {
        return ask(wabaId, link -> meta.post(link.metaWabaId() + "/message_templates", link.token(), body));
    }

    @Override
    public Answer edit(String wabaId, String metaTemplateId, ObjectNode body) {
        return ask(wabaId, link -> meta.post(metaTemplateId, link.token(), body));
    }

    @Override
    public Answer delete(String wabaId, String name, String metaTemplateId) {
        var query = "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + (metaTemplateId == null ? "" : "&hsm_id=" + URLEncoder.encode(metaTemplateId, StandardCharsets.UTF_8));
        return ask(wabaId, link -> meta.delete(link.metaWabaId() + "/message_templates" + query, link.token()));
    }

    /** The working link through which the WABA reaches Meta, if any of its numbers has one. */
    Optional<CloudLinks.Link> linkOf(String wabaId) {
        return links.anyOf(numbers.ofWaba(wabaId).stream().map(PhoneNumber::id).toList());
    }

    private interface Call {
        MetaGraph.Answer on(CloudLinks.Link link) throws MetaGraph.NotSent, MetaGraph.Unanswered;
    }

    private Answer ask(String wabaId, Call call) {
        var link = linkOf(wabaId).orElse(null);
        if (link == null) {
            return new Answer.Refused(MetaError.whatsapp(131000, "Something went wrong",
                    "No number of this WABA is linked to Meta's Cloud API, so its templates cannot reach Meta."));
        }
        MetaGraph.Answer answer;
        try {
            answer = call.on(link);
        } catch (MetaGraph.NotSent | MetaGraph.Unanswered unreachable) {
            return new Answer.Refused(MetaGraph.unreachable(unreachable));
        }
        if (answer.ok()) {
            return new Answer.Accepted(answer.body());
        }
        return new Answer.Refused(brokenLinks.refusal(link.phoneNumberId(), answer));
    }
}
