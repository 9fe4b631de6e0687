package io.openwaba.templates;

import io.openwaba.graph.GraphApi;
import io.openwaba.graph.GraphBody;
import io.openwaba.graph.GraphException;
import io.openwaba.graph.GraphFields;
import io.openwaba.graph.GraphList;
import io.openwaba.graph.GraphNode;
import io.openwaba.graph.GraphPage;
import io.openwaba.shared.Caller;
import io.openwaba.shared.OrderedMaps;
import io.openwaba.tenancy.Tenancy;
import io.openwaba.tenancy.Waba;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /{waba-id}/message_templates} and {@code /{template-id}}, shaped as Meta's. With a
 * {@link TemplateRelay} (cloud mode) creates, edits and deletes checked here go to Meta, and are
 * stored here once Meta accepted them.
 */
@GraphApi
@RestController
class TemplateGraph implements GraphNode {

    private static final String LIBRARY = "/{wabaId}/message_templates";
    private static final List<String> DEFAULT_FIELDS = List.of("name", "language", "status", "category",
            "parameter_format", "components", "quality_score", "rejected_reason", "rejection_info");
    /** WhatsApp's limit for a WABA of a verified business with an approved display name. */
    static final int TEMPLATE_LIMIT = 6000;

    private final Templates templates;
    private final Tenancy tenancy;
    private final ObjectProvider<TemplateRelay> relay;

    TemplateGraph(Templates templates, Tenancy tenancy, ObjectProvider<TemplateRelay> relay) {
        this.templates = templates;
        this.tenancy = tenancy;
        this.relay = relay;
    }

    @PostMapping({GraphApi.VERSION + LIBRARY, "/{wabaId:\\d+}/message_templates"})
    Map<String, Object> create(Caller caller, @PathVariable String wabaId, GraphBody body) {
        var waba = waba(caller, wabaId, "post").id();
        var meta = relay.getIfAvailable();
        var template = meta == null ? templates.create(waba, body) : templates.createAtMeta(waba, body, meta);
        return OrderedMaps.of("id", template.id(), "status", template.status(), "category", template.content().category());
    }

    /**
     * Every filter Meta documents, each a comma list or a JSON array ({@link GraphList});
     * {@code summary} adds the counts clients read.
     */
    @GetMapping({GraphApi.VERSION + LIBRARY, "/{wabaId:\\d+}/message_templates"})
    Map<String, Object> list(Caller caller, @PathVariable String wabaId,
                             @RequestParam(required = false) String fields,
                             @RequestParam(required = false) String name,
                             @RequestParam(required = false) String content,
                             @RequestParam(value = "name_or_content", required = false) String nameOrContent,
                             @RequestParam(required = false) String status,
                             @RequestParam(required = false) String category,
                             @RequestParam(required = false) String language,
                             @RequestParam(value = "quality_score", required = false) String qualityScore,
                             @RequestParam(required = false) String summary,
                             @RequestParam(required = false) String limit,
                             @RequestParam(required = false) String after,
                             @RequestParam(required = false) String before) {
        var waba = waba(caller, wabaId, "get");
        var all = templates.ofWaba(waba.id());
        var filter = TemplateFilter.of(GraphList.parse("name", name), GraphList.parse("content", content),
                GraphList.parse("name_or_content", nameOrContent), GraphList.parse("status", status),
                GraphList.parse("category", category), GraphList.parse("language", language),
                GraphList.parse("quality_score", qualityScore));
        var selected = all.stream().filter(filter::matches).toList();
        var selection = GraphFields.parse(fields);
        var page = new LinkedHashMap<>(GraphPage.of(selected, Template::id,
                t -> selection.select(graphFields(t), DEFAULT_FIELDS), limit, after, before));
        if (summary != null) {
            var counts = new LinkedHashMap<String, Object>();
            counts.put("total_count", selected.size());
            counts.put("message_template_count", all.size());
            counts.put("message_template_limit", TEMPLATE_LIMIT);
            counts.put("are_translations_complete", true);
            page.put("summary", counts);
        }
        return page;
    }

    @Override
    public Optional<Object> read(Caller caller, String id, GraphFields fields) {
        return visible(caller, id).map(template -> fields.select(graphFields(template), DEFAULT_FIELDS));
    }

    @PostMapping({GraphApi.VERSION + "/{templateId:\\d+}", "/{templateId:\\d+}",
            GraphApi.VERSION + LIBRARY + "/{templateId:\\d+}", "/{wabaId:\\d+}/message_templates/{templateId:\\d+}"})
    Map<String, Object> edit(Caller caller, @PathVariable String templateId, GraphBody body) {
        var template = visible(caller, templateId).orElseThrow(() -> GraphException.unknownObject(templateId, "post"));
        var meta = relay.getIfAvailable();
        if (meta == null) {
            templates.edit(template, body);
        } else {
            templates.editAtMeta(template, body, meta);
        }
        return OrderedMaps.of("success", true);
    }

    /** {@code name} deletes every language of the template; with {@code hsm_id}, only that one. */
    @DeleteMapping({GraphApi.VERSION + LIBRARY, "/{wabaId:\\d+}/message_templates"})
    Map<String, Object> delete(Caller caller, @PathVariable String wabaId,
                               @RequestParam(required = false) String name,
                               @RequestParam(value = "hsm_id", required = false) String hsmId) {
        var waba = waba(caller, wabaId, "delete");
        if (name == null || name.isBlank()) {
            throw GraphException.requiredParameter("name");
        }
        var meta = relay.getIfAvailable();
        var deleted = meta == null ? templates.delete(waba.id(), name.trim(), hsmId)
                : templates.deleteAtMeta(waba.id(), name.trim(), hsmId, meta);
        if (deleted == 0) {
            throw GraphException.invalidParameter("Message template \"" + name.trim() + "\""
                    + (hsmId == null ? "" : " with id " + hsmId) + " does not exist in this WABA.");
        }
        return OrderedMaps.of("success", true);
    }

    private Optional<Template> visible(Caller caller, String id) {
        return templates.find(id).filter(t -> tenancy.waba(caller, t.wabaId()).isPresent());
    }

    private Waba waba(Caller caller, String wabaId, String method) {
        return tenancy.waba(caller, wabaId).orElseThrow(() -> GraphException.unknownObject(wabaId, method));
    }

    static Map<String, Object> graphFields(Template template) {
        var out = new LinkedHashMap<String, Object>();
        out.put("id", template.id());
        out.put("name", template.content().name());
        out.put("language", template.content().language());
        out.put("status", template.status());
        out.put("category", template.content().category());
        out.put("parameter_format", template.content().parameterFormat());
        out.put("components", template.content().components());
        out.put("quality_score", template.qualityDate() == null ? OrderedMaps.of("score", template.qualityScore())
                : OrderedMaps.of("score", template.qualityScore(), "date", template.qualityDate().getEpochSecond()));
        out.put("rejected_reason", template.rejectedReason());
        if (template.status().equals("REJECTED") && template.reviewNote() != null) {
            // Meta's reason is an enum; the reviewer's rule and advice say what to change.
            out.put("rejection_info", OrderedMaps.of("reason", template.rejectedReason(), "rule", template.reviewRule(),
                    "recommendation", template.reviewNote()));
        }
        return out;
    }
}
