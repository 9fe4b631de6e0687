package io.openwaba.numbers;

import io.openwaba.shared.ApiProblem;
import io.openwaba.shared.Caller;
import io.openwaba.shared.ManagementApi;
import io.openwaba.tenancy.Tenancy;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@ManagementApi
@RestController
@RequestMapping("/api")
class PhoneNumberController {

    private final PhoneNumbers numbers;
    private final Tenancy tenancy;

    PhoneNumberController(PhoneNumbers numbers, Tenancy tenancy) {
        this.numbers = numbers;
        this.tenancy = tenancy;
    }

    record RegisterNumber(String phoneNumber, String verifiedName) {
    }

    record NumberView(String id, String wabaId, String businessId, String waId, String displayPhoneNumber,
                      String country, String verifiedName, String status, String messagingLimitTier,
                      String qualityRating, String createdAt) {
        static NumberView of(PhoneNumber n) {
            return new NumberView(n.id(), n.wabaId(), n.businessId(), n.waId().digits(), n.displayPhoneNumber(),
                    n.waId().country(), n.verifiedName(), n.status().name(), n.messagingLimitTier(),
                    n.qualityRating().name(),
                    n.createdAt().toString());
        }
    }

    @PostMapping("/wabas/{wabaId}/phone-numbers")
    @ResponseStatus(HttpStatus.CREATED)
    NumberView register(Caller caller, @PathVariable String wabaId, @RequestBody RegisterNumber request) {
        if (!caller.isAdmin()) {
            throw ApiProblem.forbidden("this operation needs the BSP admin token");
        }
        return NumberView.of(numbers.register(wabaId, request.phoneNumber(), request.verifiedName()));
    }

    @GetMapping("/wabas/{wabaId}/phone-numbers")
    List<NumberView> list(Caller caller, @PathVariable String wabaId) {
        var waba = tenancy.waba(caller, wabaId).orElseThrow(() -> ApiProblem.notFound("WABA", wabaId));
        return numbers.ofWaba(waba.id()).stream().map(NumberView::of).toList();
    }

    @GetMapping("/phone-numbers/{id}")
    NumberView find(Caller caller, @PathVariable String id) {
        return numbers.find(caller, id).map(NumberView::of)
                .orElseThrow(() -> ApiProblem.notFound("phone number", id));
    }
}
