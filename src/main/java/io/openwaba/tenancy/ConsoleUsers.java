package io.openwaba.tenancy;

import io.openwaba.shared.NodeIds;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
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
    /** bcrypt reads no more than 72 bytes of a password. */
    static final int MAX_PASSWORD_BYTES = 72;
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

    /** An e-mail address as far as a login needs one: one {@code @}, a dot in the domain, no spaces or controls. */
    static boolean looksLikeEmail(String login) {
        if (login.isEmpty() || login.length() > 320 || login.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            return false;
        }
        int at = login.indexOf('@');
        if (at <= 0 || at != login.lastIndexOf('@')) {
            return false;
        }
        int dot = login.indexOf('.', at + 2);
        return dot > 0 && dot < login.length() - 1;
    }

    /**
     * A business admin or operator of the business; {@link ConsoleUserProblem.Refused} with every
     * problem of the request when it is not one.
     */
    @Transactional
    public ConsoleUser create(String businessId, String login, String displayName, String role, String password) {
        var problems = new ArrayList<ConsoleUserProblem>();
        var normalized = normalize(login);
        if (!looksLikeEmail(normalized)) {
            problems.add(ConsoleUserProblem.LOGIN_INVALID);
        } else if (rows.byLogin(normalized).isPresent()) {
            problems.add(ConsoleUserProblem.LOGIN_TAKEN);
        }
        var name = displayName == null ? "" : displayName.strip();
        if (name.isEmpty() || name.length() > 200) {
            problems.add(ConsoleUserProblem.NAME_INVALID);
        }
        if (password == null || password.length() < 12
                || password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
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

    /** The display name of each of the business's console users, by their id. */
    public Map<String, String> displayNames(String businessId) {
        return ofBusiness(businessId).stream()
                .collect(Collectors.toMap(ConsoleUser::id, ConsoleUser::displayName, (a, b) -> a));
    }

    public Optional<ConsoleUser> byLogin(String login) {
        var normalized = normalize(login);
        return looksLikeEmail(normalized) ? rows.byLogin(normalized) : Optional.empty();
    }

    /**
     * A sign-in begins: the attempt is counted before the password is checked, so attempts sent
     * side by side cannot each pass the lock before any failure is counted. The user, locked when
     * locked or when more attempts are under way than the lock allows; empty for no such user.
     */
    @Transactional
    public Optional<ConsoleUser> attemptSignIn(String login) {
        var user = byLogin(login);
        if (user.isEmpty() || locked(user.get())) {
            return user;
        }
        int attempts = rows.countAttempt(user.get().login());
        if (attempts > maxFailures) {
            return user.map(u -> new ConsoleUser(u.id(), u.login(), u.displayName(), u.role(), u.businessId(),
                    u.passwordHash(), attempts, clock.instant().plus(lockout)));
        }
        return user;
    }

    /** Sets a new password and lifts a lock. */
    @Transactional
    public void setPassword(String login, String password) {
        rows.setPassword(normalize(login), encoder.encode(password));
    }

    public PasswordEncoder encoder() {
        return encoder;
    }

    public boolean locked(ConsoleUser user) {
        return user.lockedAt(clock.instant());
    }

    /**
     * A wrong password (its attempt already counted): the account locks after too many in a row.
     * True when the account is locked now.
     */
    @Transactional
    public boolean failedSignIn(String login) {
        var user = byLogin(login);
        if (user.isEmpty() || locked(user.get())) {
            return user.isPresent();
        }
        if (user.get().failedAttempts() >= maxFailures) {
            rows.lock(user.get().login(), clock.instant().plus(lockout));
            return true;
        }
        return false;
    }

    @Transactional
    public void signedIn(String login) {
        var normalized = normalize(login);
        if (looksLikeEmail(normalized)) {
            rows.clearFailures(normalized);
        }
    }
}
