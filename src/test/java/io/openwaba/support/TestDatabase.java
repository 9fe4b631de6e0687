package io.openwaba.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.opentest4j.TestAbortedException;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The database a test JVM runs against: H2 in a fresh directory by default, or a fresh
 * PostgreSQL database when {@code -Dopenwaba.test.database=postgres} (the second Surefire
 * execution) and {@code OPENWABA_TEST_POSTGRES_URL} points at a server. Without that URL the
 * PostgreSQL run is skipped, unless {@code OPENWABA_TEST_REQUIRE_POSTGRES=true} makes it fail.
 */
public final class TestDatabase {

    private static String url;
    private static Path dataDir;

    private TestDatabase() {
    }

    public static synchronized void register(DynamicPropertyRegistry registry) {
        if (url == null) {
            create();
        }
        registry.add("openwaba.data-dir", dataDir::toString);
        registry.add("spring.datasource.url", () -> url);
        if (isPostgres()) {
            registry.add("spring.datasource.username", () -> "postgres");
            registry.add("spring.datasource.password", () -> "");
        }
    }

    /** The JDBC URL of this JVM's test database (after the first context registered it). */
    public static synchronized String url() {
        return url;
    }

    public static boolean isPostgres() {
        return "postgres".equalsIgnoreCase(System.getProperty("openwaba.test.database", "h2"));
    }

    private static void create() {
        try {
            dataDir = Files.createTempDirectory("openwaba-test");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        if (!isPostgres()) {
            url = "jdbc:h2:file:" + dataDir.resolve("openwaba")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
            return;
        }
        var server = System.getenv("OPENWABA_TEST_POSTGRES_URL");
        if (server == null || server.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("OPENWABA_TEST_REQUIRE_POSTGRES"))) {
                throw new IllegalStateException("OPENWABA_TEST_REQUIRE_POSTGRES=true but OPENWABA_TEST_POSTGRES_URL"
                        + " is not set (e.g. jdbc:postgresql://127.0.0.1:5432/postgres)");
            }
            throw new TestAbortedException("OPENWABA_TEST_POSTGRES_URL is not set: skipping the PostgreSQL run");
        }
        url = scratch(server, "openwaba_test_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis());
    }

    /** A second fresh PostgreSQL database, for a test that starts the platform by itself; dropped at exit. */
    public static String scratchPostgres(String label) {
        return scratch(System.getenv("OPENWABA_TEST_POSTGRES_URL"),
                "openwaba_" + label + "_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis());
    }

    private static String scratch(String server, String name) {
        try (var connection = DriverManager.getConnection(server, "postgres", "");
             var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + server, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(server, name)));
        return server.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    }

    private static void drop(String server, String name) {
        try (var connection = DriverManager.getConnection(server, "postgres", "");
             var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException ignored) {
            // Best effort: a leftover test database is harmless.
        }
    }
}
