package io.openwaba.tenancy;

import java.util.List;

/** Why a team was refused, by field: the console shows each next to its field. */
public enum TeamProblem {
    NAME_INVALID("name", "must have 1 to 60 characters"),
    NAME_TAKEN("name", "is already the name of one of the business's teams"),
    MEMBER_UNKNOWN("members", "must be console users of the business");

    private final String field;
    private final String message;

    TeamProblem(String field, String message) {
        this.field = field;
        this.message = message;
    }

    public String field() {
        return field;
    }

    public String message() {
        return message;
    }

    /** The refusal, with every problem found at once. */
    public static final class Refused extends RuntimeException {
        private final List<TeamProblem> problems;

        public Refused(List<TeamProblem> problems) {
            super(problems.stream().map(p -> p.field() + " " + p.message()).toList().toString());
            this.problems = List.copyOf(problems);
        }

        public List<TeamProblem> problems() {
            return problems;
        }
    }
}
