package io.openwaba.network.cloud;

import io.openwaba.network.OnCloud;
import io.openwaba.numbers.PhoneNumbers;
import io.openwaba.shared.ApiProblem;
import io.openwaba.shared.BackgroundWork;
import io.openwaba.templates.MetaTemplate;
import io.openwaba.templates.TemplateSync;
import io.openwaba.templates.Templates;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes a WABA's template library Meta's: {@code GET /{meta-waba-id}/message_templates} page by
 * page (the next page asked for with Meta's {@code after} cursor on the configured Graph URL,
 * never by following {@code paging.next}), then {@link Templates#synced} in one transaction. On
 * demand, and every {@code openwaba.cloud.template-sync-interval} for each WABA with a linked number.
 */
@OnCloud
@Component
class MetaTemplateSync extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(MetaTemplateSync.class);
    static final String FIELDS = "id,name,language,status,category,parameter_format,components,quality_score,"
            + "rejected_reason";
    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 100;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MetaTemplates metaTemplates;
    private final MetaGraph meta;
    private final Templates templates;
    private final CloudLinks links;
    private final PhoneNumbers numbers;

    MetaTemplateSync(MetaTemplates metaTemplates, MetaGraph meta, Templates templates, CloudLinks links,
                     PhoneNumbers numbers, CloudSettings settings) {
        super("template-sync", 1, settings.templateSyncInterval());
        this.metaTemplates = metaTemplates;
        this.meta = meta;
        this.templates = templates;
        this.links = links;
        this.numbers = numbers;
    }

    /** Meta's list over the WABA's; a problem (for {@code /api}) when the WABA cannot reach Meta or Meta refuses. */
    TemplateSync sync(String wabaId) {
        var link = metaTemplates.linkOf(wabaId).orElseThrow(() -> ApiProblem.conflict("WABA " + wabaId
                + " has no number linked to Meta's Cloud API (PUT /api/phone-numbers/{id}/cloud), so its templates"
                + " cannot be read at Meta"));
        var listed = new ArrayList<MetaTemplate>();
        var cursors = new HashSet<String>();
        String after = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            var path = link.metaWabaId() + "/message_templates?fields=" + FIELDS + "&limit=" + PAGE_SIZE
                    + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
            MetaGraph.Answer answer;
            try {
                answer = meta.get(path, link.token());
            } catch (MetaGraph.NotSent | MetaGraph.Unanswered unreachable) {
                throw new ApiProblem(HttpStatus.BAD_GATEWAY, "Meta unreachable", "Meta's Graph API did not answer"
                        + " the listing of WABA " + link.metaWabaId() + "'s templates: " + unreachable.getMessage()
                        + "; nothing was changed");
            }
            if (!answer.ok()) {
                throw ApiProblem.badRequest("Meta refused to list the templates of WABA " + link.metaWabaId() + ": "
                                + answer.error().message() + "; nothing was changed")
                        .with("meta_status", answer.status()).with("meta_error", answer.body().path("error"));
            }
            for (JsonNode template : answer.body().path("data")) {
                var parsed = template(template);
                if (parsed != null) {
                    listed.add(parsed);
                }
            }
            var paging = answer.body().path("paging");
            after = paging.path("cursors").path("after").asString(null);
            if (!paging.has("next") || after == null || !cursors.add(after)) {
                break;
            }
        }
        return templates.synced(wabaId, listed);
    }

    /** Each WABA with a working link, one at a time; one that fails is logged and the others go on. */
    @Override
    protected int step() {
        var wabas = new TreeSet<String>();
        for (String numberId : links.linkedNumbers()) {
            numbers.find(numberId).ifPresent(number -> wabas.add(number.wabaId()));
        }
        for (String wabaId : wabas) {
            if (metaTemplates.linkOf(wabaId).isEmpty()) {
                continue;
            }
            try {
                var result = sync(wabaId);
                log.info("Synced the templates of WABA {} with Meta: {}", wabaId, result);
            } catch (RuntimeException e) {
                log.warn("Could not sync the templates of WABA {} with Meta; the next sync tries again", wabaId, e);
            }
        }
        return 0;
    }

    /** A template of Meta's list, or null when it lacks what a template here needs (id, name, language). */
    private static MetaTemplate template(JsonNode node) {
        var id = node.path("id").asString("");
        var name = node.path("name").asString("");
        var language = node.path("language").asString("");
        if (!id.matches("\\d{1,64}") || name.isEmpty() || language.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> components = node.path("components").isArray()
                ? JSON.convertValue(node.path("components"), new TypeReference<List<Map<String, Object>>>() { })
                : List.of();
        return new MetaTemplate(id, name, language, node.path("status").asString("PENDING"),
                node.path("category").asString("UTILITY"), node.path("parameter_format").asString("POSITIONAL"),
                node.path("quality_score").path("score").asString("UNKNOWN"),
                node.path("rejected_reason").asString("NONE"), components);
    }
}
