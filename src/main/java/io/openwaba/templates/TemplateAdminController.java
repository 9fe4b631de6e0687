package io.openwaba.templates;

import io.openwaba.shared.ApiProblem;
import io.openwaba.shared.Caller;
import io.openwaba.shared.ManagementApi;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A BSP admin approves or rejects a PENDING template by hand, before the reviewer does. */
@ManagementApi
@RestController
@RequestMapping("/api/templates/{templateId}")
class TemplateAdminController {

    static final Set<String> REASONS = Set.of("ABUSIVE_CONTENT", "INCORRECT_CATEGORY", "INVALID_FORMAT", "PROMOTIONAL",
            "SCAM", "TAG_CONTENT_MISMATCH");

    private final Templates templates;
    private final ObjectProvider<TemplateRelay> relay;

    TemplateAdminController(Templates templates, ObjectProvider<TemplateRelay> relay) {
        this.templates = templates;
        this.relay = relay;
    }

    record Decision(String reason, String note) {
    }

    @PostMapping("/approve")
    Map<String, Object> approve(Caller caller, @PathVariable String templateId,
                                @RequestBody(required = false) Decision decision) {
        return decide(caller, templateId, true, null, decision == null ? null : decision.note());
    }

    @PostMapping("/reject")
    Map<String, Object> reject(Caller caller, @PathVariable String templateId, @RequestBody Decision decision) {
        if (decision == null || decision.reason() == null || !REASONS.contains(decision.reason())) {
            throw ApiProblem.badRequest("reason must be one of " + String.join(", ", REASONS.stream().sorted().toList()));
        }
        return decide(caller, templateId, false, decision.reason(), decision.note());
    }

    private Map<String, Object> decide(Caller caller, String templateId, boolean approve, String reason, String note) {
        if (!caller.isAdmin()) {
            throw ApiProblem.forbidden("this operation needs the BSP admin token");
        }
        var template = templates.find(templateId).orElseThrow(() -> ApiProblem.notFound("template", templateId));
        if (relay.getIfAvailable() != null) {
            throw ApiProblem.conflict("in cloud mode Meta reviews templates: template " + templateId
                    + " is decided by Meta's message_template_status_update");
        }
        if (note != null && note.length() > 500) {
            throw ApiProblem.badRequest("note must be at most 500 characters long");
        }
        if (!templates.decideByHand(template, approve, reason, note)) {
            throw ApiProblem.conflict("template " + templateId + " is " + template.status()
                    + ", not PENDING: it was decided already");
        }
        var decided = templates.find(templateId).orElseThrow();
        return Map.of("id", decided.id(), "status", decided.status(), "rejected_reason", decided.rejectedReason());
    }
}
