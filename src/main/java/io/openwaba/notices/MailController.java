package io.openwaba.notices;

import io.openwaba.shared.ApiProblem;
import io.openwaba.shared.Caller;
import io.openwaba.shared.ManagementApi;
import io.openwaba.tenancy.Tenancy;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/businesses/{id}/mail}: the notices sent or kept for a business, newest first. */
@ManagementApi
@RestController
class MailController {

    private final Notices notices;
    private final Tenancy tenancy;

    MailController(Notices notices, Tenancy tenancy) {
        this.notices = notices;
        this.tenancy = tenancy;
    }

    @GetMapping("/api/businesses/{businessId}/mail")
    List<Mail> mail(Caller caller, @PathVariable String businessId, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) {
            throw ApiProblem.badRequest("limit must be between 1 and 500");
        }
        var business = tenancy.business(caller, businessId).orElseThrow(() -> ApiProblem.notFound("business", businessId));
        return notices.ofBusiness(business.id(), limit);
    }
}
