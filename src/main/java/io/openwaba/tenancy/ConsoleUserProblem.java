package io.openwaba.tenancy;

/** Why a new console user was refused, by field: the console shows each next to its field. */
public enum ConsoleUserProblem {
    LOGIN_INVALID("login", "must be an e-mail address of at most 320 characters"),
    LOGIN_TAKEN("login", "is already a console user's login"),
    NAME_INVALID("display_name", "must have 1 to 200 characters"),
    PASSWORD_INVALID("password", "must have at least 12 characters and at most 72 bytes in UTF-8"),
    ROLE_INVALID("role", "must be BUSINESS_ADMIN or OPERATOR");

    private final String field;
    private final String message;

    ConsoleUserProblem(String field, String message) {
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
        private final java.util.List<ConsoleUserProblem> problems;

        public Refused(java.util.List<ConsoleUserProblem> problems) {
            super(problems.stream().map(p -> p.field() + " " + p.message()).toList().toString());
            this.problems = java.util.List.copyOf(problems);
        }

        public java.util.List<ConsoleUserProblem> problems() {
            return problems;
        }
    }
}
