/**
 * Message templates: the library of each WABA ({@code /{waba-id}/message_templates}), their
 * review by rules that are data ({@link io.openwaba.templates.ReviewRules}), and the decisions
 * businesses hear about through {@code message_template_status_update} webhooks.
 */
@ApplicationModule(allowedDependencies = {"shared", "graph", "tenancy", "notices"})
package io.openwaba.templates;

import org.springframework.modulith.ApplicationModule;
