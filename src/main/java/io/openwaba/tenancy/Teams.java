package io.openwaba.tenancy;

import io.openwaba.shared.NodeIds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A business's teams: created and staffed by its admins, in the console and through the management API. */
@Service
public class Teams {

    static final int MAX_NAME = 60;

    private final TeamRows rows;
    private final ConsoleUsers users;
    private final Clock clock;

    Teams(TeamRows rows, ConsoleUsers users, Clock clock) {
        this.rows = rows;
        this.users = users;
        this.clock = clock;
    }

    /** A new team of those members; {@link TeamProblem.Refused} with every problem when it cannot be. */
    @Transactional
    public Team create(String businessId, String name, Collection<String> memberIds) {
        var problems = new ArrayList<TeamProblem>();
        var stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_NAME) {
            problems.add(TeamProblem.NAME_INVALID);
        } else if (ofBusiness(businessId).stream().anyMatch(team -> team.name().equalsIgnoreCase(stripped))) {
            problems.add(TeamProblem.NAME_TAKEN);
        }
        var members = members(businessId, memberIds, problems);
        if (!problems.isEmpty()) {
            throw new TeamProblem.Refused(problems);
        }
        var team = new Team(NodeIds.next(), businessId, stripped, List.copyOf(members));
        try {
            rows.insert(team, clock.instant());
        } catch (DuplicateKeyException taken) {
            throw new TeamProblem.Refused(List.of(TeamProblem.NAME_TAKEN));
        }
        return team;
    }

    /** The team now has exactly those members; empty when the business has no such team. */
    @Transactional
    public Optional<Team> setMembers(String businessId, String teamId, Collection<String> memberIds) {
        var team = find(businessId, teamId);
        if (team.isEmpty()) {
            return team;
        }
        var problems = new ArrayList<TeamProblem>();
        var members = members(businessId, memberIds, problems);
        if (!problems.isEmpty()) {
            throw new TeamProblem.Refused(problems);
        }
        rows.setMembers(teamId, members);
        return Optional.of(new Team(teamId, businessId, team.get().name(), List.copyOf(members)));
    }

    /** The business's teams, by name. */
    public List<Team> ofBusiness(String businessId) {
        return rows.ofBusiness(businessId);
    }

    public Optional<Team> find(String businessId, String teamId) {
        return ofBusiness(businessId).stream().filter(team -> team.id().equals(teamId)).findFirst();
    }

    /** The ids of the teams the user is a member of. */
    public Set<String> teamIdsOf(String userId) {
        return rows.teamIdsOf(userId);
    }

    /** The team's name by id, for every team of the business. */
    public Map<String, String> names(String businessId) {
        return ofBusiness(businessId).stream().collect(Collectors.toMap(Team::id, Team::name));
    }

    private Set<String> members(String businessId, Collection<String> memberIds, List<TeamProblem> problems) {
        var wanted = new LinkedHashSet<>(memberIds == null ? List.of() : memberIds);
        var ofBusiness = users.ofBusiness(businessId).stream().map(ConsoleUser::id).collect(Collectors.toSet());
        if (!ofBusiness.containsAll(wanted)) {
            problems.add(TeamProblem.MEMBER_UNKNOWN);
        }
        return wanted;
    }
}
