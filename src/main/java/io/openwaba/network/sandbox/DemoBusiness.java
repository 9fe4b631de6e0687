package io.openwaba.network.sandbox;

import io.openwaba.network.OnSandbox;
import io.openwaba.catalog.Catalogs;
import io.openwaba.numbers.PhoneNumbers;
import io.openwaba.profile.BusinessProfile;
import io.openwaba.profile.BusinessProfiles;
import io.openwaba.shared.Secrets;
import io.openwaba.templates.Templates;
import io.openwaba.tenancy.ConsoleRole;
import io.openwaba.tenancy.ConsoleUsers;
import io.openwaba.tenancy.Tenancy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the demo business at the first start in sandbox mode (verified, one WABA, one
 * CONNECTED number at TIER_1K, three simulated customers in different countries) and prints
 * how to use it at every start. {@code openwaba.bootstrap.token} and
 * {@code openwaba.bootstrap.app-secret} fix its credentials for scripts.
 */
@OnSandbox
@Component
public class DemoBusiness implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoBusiness.class);
    private static final List<Customer> DEMO_CUSTOMERS = List.of(
            new Customer("4915112345678", "Anna Schmidt", "DE", null),
            new Customer("5511912345678", "João Silva", "BR", null),
            new Customer("919876543210", "Priya Sharma", "IN", null));

    private final Tenancy tenancy;
    private final PhoneNumbers numbers;
    private final SandboxNetwork network;
    private final DemoRows demos;
    private final TransactionTemplate tx;
    private final Environment environment;
    private final String fixedToken;
    private final String fixedAppSecret;
    private final String fixedAdminToken;
    private final String graphVersion;
    private final BusinessProfiles profiles;
    private final Catalogs catalogs;
    private final Templates templates;
    private final ConsoleUsers consoleUsers;
    static final String OPERATOR_LOGIN = "operator@demo-shop.example";
    static final String ADMIN_LOGIN = "admin@demo-shop.example";

    DemoBusiness(Tenancy tenancy, PhoneNumbers numbers, SandboxNetwork network, DemoRows demos,
                 TransactionTemplate tx, Environment environment, BusinessProfiles profiles, Catalogs catalogs,
                 Templates templates, ConsoleUsers consoleUsers,
                 @Value("${openwaba.bootstrap.token:}") String fixedToken,
                 @Value("${openwaba.bootstrap.app-secret:}") String fixedAppSecret,
                 @Value("${openwaba.admin.token:}") String fixedAdminToken,
                 @Value("${openwaba.graph.version:v21.0}") String graphVersion) {
        this.tenancy = tenancy;
        this.numbers = numbers;
        this.network = network;
        this.demos = demos;
        this.tx = tx;
        this.environment = environment;
        this.fixedToken = fixedToken;
        this.fixedAppSecret = fixedAppSecret;
        this.fixedAdminToken = fixedAdminToken;
        this.graphVersion = graphVersion;
        this.profiles = profiles;
        this.catalogs = catalogs;
        this.templates = templates;
        this.consoleUsers = consoleUsers;
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.executeWithoutResult(status -> {
            var demo = demos.find().orElseGet(this::create);
            demos.save(applyFixedCredentials(demo));
            demos.saveConsoleLogins(newConsolePasswords(demo));
        });
        log.info("\n{}", banner());
    }

    /**
     * The demo business's operator and business admin, created at the first start; both get new
     * passwords at every start, printed with the tokens.
     */
    private DemoRows.ConsoleLogins newConsolePasswords(DemoRows.Demo demo) {
        var logins = new DemoRows.ConsoleLogins(OPERATOR_LOGIN, Secrets.hexOfRandomBytes(8), ADMIN_LOGIN,
                Secrets.hexOfRandomBytes(8));
        setPassword(demo, OPERATOR_LOGIN, "Olga Operator", ConsoleRole.OPERATOR, logins.operatorPassword());
        setPassword(demo, ADMIN_LOGIN, "Boris Admin", ConsoleRole.BUSINESS_ADMIN, logins.adminPassword());
        return logins;
    }

    private void setPassword(DemoRows.Demo demo, String login, String name, ConsoleRole role, String password) {
        if (consoleUsers.byLogin(login).isPresent()) {
            consoleUsers.setPassword(login, password);
        } else {
            consoleUsers.create(demo.businessId(), login, name, role.name(), password);
        }
    }

    /** Whether the demo business exists yet: it is made once the node has started. */
    public boolean created() {
        return demos.find().isPresent();
    }

    /** The facts {@code GET /sandbox/info} returns. */
    public Map<String, Object> info() {
        var demo = demos.find().orElseThrow(() -> new IllegalStateException("the demo business is not created yet"));
        var number = numbers.find(demo.phoneNumberId()).orElseThrow();
        var business = tenancy.business(demo.businessId()).orElseThrow();
        var info = new LinkedHashMap<String, Object>();
        info.put("base_url", baseUrl());
        info.put("graph_version", graphVersion);
        info.put("access_token", demo.accessToken());
        info.put("business_id", demo.businessId());
        info.put("waba_id", demo.wabaId());
        info.put("phone_number_id", demo.phoneNumberId());
        info.put("display_phone_number", number.displayPhoneNumber());
        catalogs.catalogOfWaba(demo.wabaId()).ifPresent(catalog -> info.put("catalog_id", catalog));
        info.put("app_secret", business.appSecret());
        demos.consoleLogins().ifPresent(logins -> info.put("console", Map.of(
                "url", baseUrl() + "/console",
                "operator", Map.of("login", logins.operatorLogin(), "password", logins.operatorPassword()),
                "business_admin", Map.of("login", logins.adminLogin(), "password", logins.adminPassword()))));
        info.put("customers", network.customers().stream()
                .map(c -> Map.of("wa_id", c.waId(), "name", c.name(), "country", c.country())).toList());
        return info;
    }

    private DemoRows.Demo create() {
        var appSecret = fixedAppSecret.isBlank() ? Secrets.hexOfRandomBytes(16) : fixedAppSecret;
        var business = tenancy.createBusiness("Demo Shop", "owner@demo-shop.example", appSecret);
        tenancy.verify(business.id());
        var waba = tenancy.createWaba(business.id(), "Demo Shop");
        var number = numbers.register(waba.id(), "+1 631-555-0100", "Demo Shop");
        var token = fixedToken.isBlank() ? Secrets.random("OWB", 40) : fixedToken;
        tenancy.issueToken(business.id(), "demo", token);
        var adminToken = fixedAdminToken.isBlank() ? Secrets.random("OWBADMIN", 40) : fixedAdminToken;
        if (!tenancy.tokenExists(adminToken)) {
            tenancy.issueAdminToken("admin", adminToken);
        }
        for (Customer customer : DEMO_CUSTOMERS) {
            network.join(customer.waId(), customer.name(), customer.country());
        }
        profiles.replace(number, new BusinessProfile("Shoes and bags, delivered in 24 h", null,
                "The openwaba sandbox's demo shop: try messages, media and orders on it.", "owner@demo-shop.example",
                List.of(), "RETAIL", null));
        var catalog = catalogs.create(waba.id());
        catalogs.save(catalog, "SNEAKER-42", new Catalogs.ProductRequest("City sneaker", "White leather, size 42",
                "89.90", "EUR", null, true));
        catalogs.save(catalog, "TOTE-01", new Catalogs.ProductRequest("Canvas tote bag", "Natural canvas",
                "24.50", "EUR", null, true));
        catalogs.save(catalog, "SOCKS-3P", new Catalogs.ProductRequest("Socks, 3 pairs", null, "12.00", "EUR", null,
                true));
        DemoTemplates.ALL.forEach(template -> templates.addApproved(waba.id(), template));
        log.info("Created the demo business {} with WABA {} and phone number {}", business.id(), waba.id(),
                number.id());
        return new DemoRows.Demo(business.id(), waba.id(), number.id(), token, adminToken);
    }

    private DemoRows.Demo applyFixedCredentials(DemoRows.Demo demo) {
        var token = demo.accessToken();
        if (!fixedToken.isBlank() && !fixedToken.equals(token)) {
            if (!tenancy.tokenExists(fixedToken)) {
                tenancy.issueToken(demo.businessId(), "bootstrap", fixedToken);
            }
            tenancy.revokeTokenValue(token);
            token = fixedToken;
        }
        var adminToken = demo.adminToken();
        if (!fixedAdminToken.isBlank() && !fixedAdminToken.equals(adminToken)) {
            if (!tenancy.tokenExists(fixedAdminToken)) {
                tenancy.issueAdminToken("admin", fixedAdminToken);
            }
            tenancy.revokeTokenValue(adminToken);
            adminToken = fixedAdminToken;
        }
        if (!fixedAppSecret.isBlank()) {
            tenancy.setAppSecret(demo.businessId(), fixedAppSecret);
        }
        return new DemoRows.Demo(demo.businessId(), demo.wabaId(), demo.phoneNumberId(), token, adminToken);
    }

    private String baseUrl() {
        var configured = environment.getProperty("openwaba.base-url", "");
        if (!configured.isBlank()) {
            return configured.replaceAll("/+$", "");
        }
        return "http://localhost:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080"));
    }

    private String banner() {
        var info = info();
        var logins = demos.consoleLogins().orElseThrow();
        return """
                ================================================================================
                 openwaba sandbox is running
                   base URL         %1$s   (Graph API: %1$s/%2$s/...)
                   access token     %3$s
                   WABA id          %4$s
                   phone-number id  %5$s   (%6$s)
                   app secret       %7$s   (signs webhooks)
                   admin token      %8$s   (management API /api)
                 Console: %1$s/console
                   operator         %9$s   password %10$s
                   business admin   %11$s   password %12$s
                 Try it:
                   curl -H 'Authorization: Bearer %3$s' %1$s/%2$s/%5$s
                 Register a webhook (your endpoint must echo hub.challenge):
                   curl -X POST -H 'Authorization: Bearer %3$s' -H 'Content-Type: application/json' \\
                     -d '{"override_callback_uri":"https://example.com/webhook","verify_token":"my-token"}' \\
                     %1$s/%2$s/%4$s/subscribed_apps
                 Sandbox facts as JSON: %1$s/sandbox/info
                ================================================================================""".formatted(
                info.get("base_url"), graphVersion, info.get("access_token"), info.get("waba_id"),
                info.get("phone_number_id"), info.get("display_phone_number"), info.get("app_secret"),
                demos.find().orElseThrow().adminToken(), logins.operatorLogin(), logins.operatorPassword(),
                logins.adminLogin(), logins.adminPassword());
    }
}