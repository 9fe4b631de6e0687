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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A business's teams through the management API: the BSP admin, or the business with its own token. */
@ManagementApi
@RestController
@RequestMapping("/api/businesses/{id}/teams")
class BusinessTeamController {

    private final Tenancy tenancy;
    private final Teams teams;

    BusinessTeamController(Tenancy tenancy, Teams teams) {
        this.tenancy = tenancy;
        this.teams = teams;
    }

    record CreateTeam(String name, List<String> memberIds) {
    }

    record Members(List<String> memberIds) {
    }

    record TeamView(String id, String name, List<String> memberIds) {
        static TeamView of(Team team) {
            return new TeamView(team.id(), team.name(), team.memberIds());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    TeamView create(Caller caller, @PathVariable String id, @RequestBody CreateTeam request) {
        var business = business(caller, id);
        try {
            return TeamView.of(teams.create(business.id(), request.name(), request.memberIds()));
        } catch (TeamProblem.Refused refused) {
            throw refusal("The team was not created: ", refused);
        }
    }

    @GetMapping
    List<TeamView> list(Caller caller, @PathVariable String id) {
        return teams.ofBusiness(business(caller, id).id()).stream().map(TeamView::of).toList();
    }

    @PutMapping("/{teamId}/members")
    TeamView setMembers(Caller caller, @PathVariable String id, @PathVariable String teamId,
                        @RequestBody Members request) {
        var business = business(caller, id);
        try {
            return teams.setMembers(business.id(), teamId, request.memberIds()).map(TeamView::of)
                    .orElseThrow(() -> ApiProblem.notFound("team", teamId));
        } catch (TeamProblem.Refused refused) {
            throw refusal("The team's members were not changed: ", refused);
        }
    }

    private Business business(Caller caller, String id) {
        return tenancy.business(caller, id).orElseThrow(() -> ApiProblem.notFound("business", id));
    }

    private static ApiProblem refusal(String what, TeamProblem.Refused refused) {
        return ApiProblem.badRequest(what + refused.getMessage()).with("errors", refused.problems().stream()
                .map(p -> Map.of("field", p.field(), "message", p.message())).toList());
    }
}
