package io.openwaba.network.cloud;

import io.openwaba.network.OnCloud;
import io.openwaba.shared.ApiProblem;
import io.openwaba.shared.Caller;
import io.openwaba.shared.ManagementApi;
import io.openwaba.tenancy.Tenancy;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/wabas/{id}/cloud-import} creates the numbers of a WABA at Meta under an
 * openwaba WABA, each linked to its Meta number with the token given (BSP admin only).
 */
@OnCloud
@ManagementApi
@RestController
class CloudImportController {

    private final Tenancy tenancy;
    private final CloudImport cloudImport;

    CloudImportController(Tenancy tenancy, CloudImport cloudImport) {
        this.tenancy = tenancy;
        this.cloudImport = cloudImport;
    }

    record ImportRequest(String metaWabaId, String accessToken) {
    }

    @PostMapping("/api/wabas/{id}/cloud-import")
    CloudImport.Result importNumbers(Caller caller, @PathVariable String id,
                                     @RequestBody(required = false) ImportRequest request) {
        if (!caller.isAdmin()) {
            throw ApiProblem.forbidden("importing numbers from Meta needs the BSP admin token");
        }
        var waba = tenancy.waba(id).orElseThrow(() -> ApiProblem.notFound("WABA", id));
        if (request == null) {
            throw ApiProblem.badRequest("a body with meta_waba_id and access_token is required");
        }
        var metaWabaId = MetaInput.graphId("meta_waba_id", request.metaWabaId());
        var token = MetaInput.accessToken(request.accessToken());
        return cloudImport.run(waba, metaWabaId, token);
    }
}
