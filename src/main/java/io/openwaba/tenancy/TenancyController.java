package io.openwaba.tenancy;

import io.openwaba.shared.ApiProblem;
import io.openwaba.shared.Caller;
import io.openwaba.shared.ManagementApi;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Onboarding through the management API: the BSP admin creates and verifies businesses. */
@ManagementApi
@RestController
@RequestMapping("/api")
class TenancyController {

    private final Tenancy tenancy;

    TenancyController(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    record CreateBusiness(String name, String notificationEmail) {
    }

    record CreateWaba(String name) {
    }

    record CreateToken(String label) {
    }

    record BusinessView(String id, String name, boolean verified, String notificationEmail, String appSecret,
                        String createdAt) {
        static BusinessView of(Business b) {
            return new BusinessView(b.id(), b.name(), b.verified(), b.notificationEmail(), b.appSecret(),
                    b.createdAt().toString());
        }
    }

    @PostMapping("/businesses")
    @ResponseStatus(HttpStatus.CREATED)
    BusinessView createBusiness(Caller caller, @RequestBody CreateBusiness request) {
        requireAdmin(caller);
        return BusinessView.of(tenancy.createBusiness(request.name(), request.notificationEmail()));
    }

    @GetMapping("/businesses")
    List<BusinessView> businesses(Caller caller) {
        return tenancy.businesses(caller).stream().map(BusinessView::of).toList();
    }

    @GetMapping("/businesses/{id}")
    BusinessView business(Caller caller, @PathVariable String id) {
        return tenancy.business(caller, id).map(BusinessView::of)
                .orElseThrow(() -> ApiProblem.notFound("business", id));
    }

    @PostMapping("/businesses/{id}/verify")
    BusinessView verify(Caller caller, @PathVariable String id) {
        requireAdmin(caller);
        return BusinessView.of(tenancy.verify(id));
    }

    @PostMapping("/businesses/{id}/wabas")
    @ResponseStatus(HttpStatus.CREATED)
    Waba createWaba(Caller caller, @PathVariable String id, @RequestBody CreateWaba request) {
        requireAdmin(caller);
        return tenancy.createWaba(id, request.name());
    }

    @GetMapping("/businesses/{id}/wabas")
    List<Waba> wabas(Caller caller, @PathVariable String id) {
        return tenancy.wabas(caller, id);
    }

    @GetMapping("/wabas/{id}")
    Waba waba(Caller caller, @PathVariable String id) {
        return tenancy.waba(caller, id).orElseThrow(() -> ApiProblem.notFound("WABA", id));
    }

    @PostMapping("/businesses/{id}/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    IssuedToken issueToken(Caller caller, @PathVariable String id, @RequestBody(required = false) CreateToken request) {
        requireAdmin(caller);
        return tenancy.issueToken(id, request == null ? null : request.label());
    }

    @GetMapping("/businesses/{id}/tokens")
    List<TokenInfo> tokens(Caller caller, @PathVariable String id) {
        requireAdmin(caller);
        return tenancy.tokens(id);
    }

    @DeleteMapping("/tokens/{tokenId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(Caller caller, @PathVariable String tokenId) {
        requireAdmin(caller);
        tenancy.revokeToken(tokenId);
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw ApiProblem.forbidden("this operation needs the BSP admin token");
        }
    }
}
