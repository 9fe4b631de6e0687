package io.openwaba.tenancy;

import io.openwaba.shared.NodeIds;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The console's users: created with a password that is stored only as a hash (bcrypt through
 * Spring Security's delegating encoder, so the scheme can move on), and locked for
 * {@code openwaba.console.lockout} after {@code openwaba.console.max-failed-sign-ins} failed
 * sign-ins in a row.
 */
@Service
public class ConsoleUsers {

    private final ConsoleUserRows rows;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockout;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final List<ConsoleRole> BUSINESS_ROLES = List.of(ConsoleRole.BUSINESS_ADMIN, ConsoleRole.OPERATOR);
    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    ConsoleUsers(ConsoleUserRows rows, Clock clock,
                 @Value("${openwaba.console.max-failed-sign-ins:5}") int maxFailures,
                 @Value("${openwaba.console.lockout:15m}") Duration lockout) {
        this.rows = rows;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
    }

    /** Logins are e-mail addresses, compared without regard to case. */
    public static String normalize(String login) {
        return login == null ? "" : login.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * A business admin or operator of the business; {@link ConsoleUserProblem.Refused} with every
     * problem of the request when it is not one.
     */
    @Transactional
    public ConsoleUser create(String businessId, String login, String displayName, String role, String password) {
        var problems = new ArrayList<ConsoleUserProblem>();
        var normalized = normalize(login);
        if (!EMAIL.matcher(normalized).matches() || normalized.length() > 320) {
            problems.add(ConsoleUserProblem.LOGIN_INVALID);
        } else if (rows.byLogin(normalized).isPresent()) {
            problems.add(ConsoleUserProblem.LOGIN_TAKEN);
        }
        var name = displayName == null ? "" : displayName.strip();
        if (name.isEmpty() || name.length() > 200) {
            problems.add(ConsoleUserProblem.NAME_INVALID);
        }
        if (password == null || password.length() < 12 || password.length() > 128) {
            problems.add(ConsoleUserProblem.PASSWORD_INVALID);
        }
        var parsed = BUSINESS_ROLES.stream().filter(r -> r.name().equals(role)).findFirst();
        if (parsed.isEmpty()) {
            problems.add(ConsoleUserProblem.ROLE_INVALID);
        }
        if (!problems.isEmpty()) {
            throw new ConsoleUserProblem.Refused(problems);
        }
        var user = new ConsoleUser(NodeIds.next(), normalized, name, parsed.get(), businessId,
                encoder.encode(password), 0, null);
        try {
            rows.insert(user, clock.instant());
        } catch (DuplicateKeyException taken) {
            throw new ConsoleUserProblem.Refused(List.of(ConsoleUserProblem.LOGIN_TAKEN));
        }
        return user;
    }

    /** The business's console users, by name. */
    public List<ConsoleUser> ofBusiness(String businessId) {
        return rows.ofBusiness(businessId);
    }

    public Optional<ConsoleUser> byLogin(String login) {
        return rows.byLogin(normalize(login));
    }

    /** Sets a new password and lifts a lock. */
    @Transactional
    public void setPassword(String login, String password) {
        rows.setPassword(normalize(login), encoder.encode(password));
    }

    public boolean passwordMatches(ConsoleUser user, String password) {
        return password != null && encoder.matches(password, user.passwordHash());
    }

    public PasswordEncoder encoder() {
        return encoder;
    }

    public boolean locked(ConsoleUser user) {
        return user.lockedAt(clock.instant());
    }

    /** A wrong password: the account locks once there have been too many in a row. */
    @Transactional
    public void failedSignIn(String login) {
        var normalized = normalize(login);
        if (rows.countFailure(normalized) >= maxFailures) {
            rows.lock(normalized, clock.instant().plus(lockout));
        }
    }

    @Transactional
    public void signedIn(String login) {
        rows.clearFailures(normalize(login));
    }
}
