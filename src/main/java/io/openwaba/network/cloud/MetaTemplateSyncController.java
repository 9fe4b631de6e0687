package io.openwaba.network.cloud;

import io.openwaba.network.OnCloud;
import io.openwaba.shared.ApiProblem;
import io.openwaba.shared.Caller;
import io.openwaba.shared.ManagementApi;
import io.openwaba.templates.TemplateSync;
import io.openwaba.tenancy.Tenancy;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/wabas/{id}/templates/sync}: the WABA's template library made Meta's now (BSP admin or the WABA's business). */
@OnCloud
@ManagementApi
@RestController
class MetaTemplateSyncController {

    private final Tenancy tenancy;
    private final MetaTemplateSync sync;

    MetaTemplateSyncController(Tenancy tenancy, MetaTemplateSync sync) {
        this.tenancy = tenancy;
        this.sync = sync;
    }

    @PostMapping("/api/wabas/{id}/templates/sync")
    TemplateSync sync(Caller caller, @PathVariable String id) {
        var waba = tenancy.waba(caller, id).orElseThrow(() -> ApiProblem.notFound("WABA", id));
        return sync.sync(waba.id());
    }
}
