package io.openwaba.tenancy;

import io.openwaba.shared.ApiProblem;
import io.openwaba.shared.Caller;
import io.openwaba.shared.ManagementApi;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A business's console users through the management API: the BSP admin, or the business with
 * its own token, adds business admins and operators. Passwords go in and never come out.
 */
@ManagementApi
@RestController
@RequestMapping("/api/businesses/{id}/console-users")
class ConsoleUserController {

    private final Tenancy tenancy;
    private final ConsoleUsers users;

    ConsoleUserController(Tenancy tenancy, ConsoleUsers users) {
        this.tenancy = tenancy;
        this.users = users;
    }

    record CreateConsoleUser(String login, String displayName, String role, String password) {
    }

    record ConsoleUserView(String id, String login, String displayName, ConsoleRole role, boolean locked) {
        static ConsoleUserView of(ConsoleUser user, boolean locked) {
            return new ConsoleUserView(user.id(), user.login(), user.displayName(), user.role(), locked);
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ConsoleUserView create(Caller caller, @PathVariable String id, @RequestBody CreateConsoleUser request) {
        var business = tenancy.business(caller, id).orElseThrow(() -> ApiProblem.notFound("business", id));
        try {
            var user = users.create(business.id(), request.login(), request.displayName(), request.role(),
                    request.password());
            return ConsoleUserView.of(user, false);
        } catch (ConsoleUserProblem.Refused refused) {
            throw ApiProblem.badRequest("The console user was not created: " + refused.getMessage())
                    .with("errors", refused.problems().stream()
                            .map(p -> Map.of("field", p.field(), "message", p.message())).toList());
        }
    }

    @GetMapping
    List<ConsoleUserView> list(Caller caller, @PathVariable String id) {
        var business = tenancy.business(caller, id).orElseThrow(() -> ApiProblem.notFound("business", id));
        return users.ofBusiness(business.id()).stream().map(u -> ConsoleUserView.of(u, users.locked(u))).toList();
    }
}
