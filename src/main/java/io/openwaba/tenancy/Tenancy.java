package io.openwaba.tenancy;

import io.openwaba.shared.ApiProblem;
import io.openwaba.shared.Caller;
import io.openwaba.shared.NodeIds;
import io.openwaba.shared.Secrets;
import io.openwaba.shared.ShortLivedCache;
import io.openwaba.shared.Unauthenticated;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Businesses, WABAs and access tokens. A business caller sees only its own: lookups for
 * anything else return empty, so every surface can answer "does not exist".
 */
@Service
public class Tenancy {

    // Every request authenticates; a short cache keeps the token lookup off the hot path.
    // Revocation clears this node's cache at once; other nodes notice within the TTL.

    private final Businesses businesses;
    private final Wabas wabas;
    private final AccessTokens tokens;
    private final Clock clock;
    private final ShortLivedCache<String, Caller> callers = new ShortLivedCache<>(Duration.ofSeconds(5), 100_000);
    private final AtomicLong revocations = new AtomicLong();

    private final ApplicationEventPublisher publisher;

    Tenancy(Businesses businesses, Wabas wabas, AccessTokens tokens, Clock clock, ApplicationEventPublisher publisher) {
        this.publisher = publisher;
        this.businesses = businesses;
        this.wabas = wabas;
        this.tokens = tokens;
        this.clock = clock;
    }

    public Caller authenticate(String token) {
        if (token == null || token.isBlank()) {
            throw new Unauthenticated("Cannot parse access token");
        }
        var hash = Secrets.sha256Hex(token.trim());
        var cached = callers.get(hash);
        if (cached.isPresent()) {
            return cached.get();
        }
        long generation = revocations.get();
        var caller = tokens.activeByHash(hash)
                .orElseThrow(() -> new Unauthenticated("Cannot parse access token"));
        // A revocation during the read must not be undone by caching what was read before it.
        if (revocations.get() == generation) {
            callers.put(hash, caller);
        }
        return caller;
    }

    @Transactional
    public Business createBusiness(String name, String notificationEmail) {
        return createBusiness(name, notificationEmail, Secrets.hexOfRandomBytes(16));
    }

    @Transactional
    public Business createBusiness(String name, String notificationEmail, String appSecret) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ApiProblem.badRequest("name is required and at most 200 characters long");
        }
        if (notificationEmail != null && !notificationEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw ApiProblem.badRequest("notification_email is not an email address: " + notificationEmail);
        }
        var business = new Business(NodeIds.next(), name.trim(), false, notificationEmail, appSecret, clock.instant());
        businesses.insert(business);
        return business;
    }

    public List<Business> businesses(Caller caller) {
        if (caller.isAdmin()) {
            return businesses.all();
        }
        return businesses.find(caller.businessId()).stream().toList();
    }

    public Optional<Business> business(Caller caller, String id) {
        return businesses.find(id).filter(business -> caller.owns(business.id()));
    }

    public Optional<Business> business(String id) {
        return businesses.find(id);
    }

    @Transactional
    public Business verify(String businessId) {
        var before = businesses.find(businessId).orElseThrow(() -> ApiProblem.notFound("business", businessId));
        businesses.markVerified(businessId);
        if (!before.verified()) {
            publisher.publishEvent(new BusinessVerified(businessId));
        }
        return businesses.find(businessId).orElseThrow();
    }

    @Transactional
    public void setAppSecret(String businessId, String appSecret) {
        businesses.setAppSecret(businessId, appSecret);
    }

    @Transactional
    public Waba createWaba(String businessId, String name) {
        businesses.find(businessId).orElseThrow(() -> ApiProblem.notFound("business", businessId));
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ApiProblem.badRequest("name is required and at most 200 characters long");
        }
        var waba = new Waba(NodeIds.next(), businessId, name.trim(), clock.instant());
        wabas.insert(waba);
        return waba;
    }

    public Optional<Waba> waba(String id) {
        return wabas.find(id);
    }

    public Optional<Waba> waba(Caller caller, String id) {
        return wabas.find(id).filter(waba -> caller.owns(waba.businessId()));
    }

    public List<Waba> wabas(Caller caller, String businessId) {
        return business(caller, businessId).map(business -> wabas.ofBusiness(business.id())).orElseThrow(
                () -> ApiProblem.notFound("business", businessId));
    }

    @Transactional
    public IssuedToken issueToken(String businessId, String label) {
        return issueToken(businessId, label, Secrets.random("OWB", 40));
    }

    /** Issues a token with a value chosen by the operator (bootstrap); an existing one is left as it is. */
    @Transactional
    public IssuedToken issueToken(String businessId, String label, String value) {
        businesses.find(businessId).orElseThrow(() -> ApiProblem.notFound("business", businessId));
        return insertToken(Caller.Role.BUSINESS, businessId, label, value);
    }

    @Transactional
    public IssuedToken issueAdminToken(String label, String value) {
        return insertToken(Caller.Role.ADMIN, null, label, value);
    }

    public boolean tokenExists(String value) {
        return tokens.exists(Secrets.sha256Hex(value));
    }

    public List<TokenInfo> tokens(String businessId) {
        businesses.find(businessId).orElseThrow(() -> ApiProblem.notFound("business", businessId));
        return tokens.ofBusiness(businessId);
    }

    @Transactional
    public void revokeToken(String tokenId) {
        tokens.find(tokenId).orElseThrow(() -> ApiProblem.notFound("token", tokenId));
        tokens.revoke(tokenId, clock.instant());
        revocations.incrementAndGet();
        callers.clear();
    }

    /** Revokes a token by its plain value: used when the operator replaces a bootstrap token. */
    @Transactional
    public void revokeTokenValue(String value) {
        tokens.activeByHash(Secrets.sha256Hex(value)).ifPresent(caller -> tokens.revoke(caller.tokenId(), clock.instant()));
        revocations.incrementAndGet();
        callers.clear();
    }

    private IssuedToken insertToken(Caller.Role role, String businessId, String label, String value) {
        if (label == null || label.isBlank()) {
            label = "token";
        }
        if (label.length() > 200) {
            throw ApiProblem.badRequest("label is at most 200 characters long");
        }
        if (value == null || value.length() < 16 || value.length() > 128 || !value.matches("[A-Za-z0-9_\\-.]+")) {
            throw ApiProblem.badRequest("an access token is 16 to 128 characters of letters, digits, '_', '-' or '.'");
        }
        var hash = Secrets.sha256Hex(value);
        if (tokens.exists(hash)) {
            throw ApiProblem.conflict("this token value is already in use");
        }
        var issued = new IssuedToken(NodeIds.next(), value, label, clock.instant());
        tokens.insert(issued.id(), role, businessId, hash, label, issued.createdAt());
        return issued;
    }
}
