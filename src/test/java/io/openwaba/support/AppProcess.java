package io.openwaba.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * openwaba started as a separate JVM from the test class path: a second node on a shared
 * database, or an instance with other settings (a test JVM holds only one Spring context).
 */
public final class AppProcess implements AutoCloseable {

    private final Process process;
    private final File log;
    private final Http http;
    private final List<String> arguments;
    private final Path dataDir;
    private final int port;

    private AppProcess(Process process, File log, List<String> arguments, Path dataDir, int port) {
        this.process = process;
        this.log = log;
        this.http = new Http("http://localhost:" + port);
        this.arguments = arguments;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Starts an instance with these application arguments and waits until it answers the admin token. */
    public static AppProcess start(List<String> arguments) throws IOException, InterruptedException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return start(arguments, Files.createTempDirectory("openwaba-app"), port);
    }

    /** How a run that was expected to end by itself ended: its exit code and what it logged. */
    public record Exit(int code, String log) {
    }

    /**
     * Runs an instance that should refuse to start, with only these arguments (no admin token is
     * added), and waits until it exits.
     */
    public static Exit runUntilExit(List<String> arguments) throws IOException, InterruptedException {
        var log = Files.createTempFile("openwaba-app", ".log").toFile();
        var command = new ArrayList<>(List.of(new File(System.getProperty("java.home"), "bin/java").getPath(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"), "io.openwaba.OpenWabaApplication",
                "--server.port=0", "--openwaba.data-dir=" + Files.createTempDirectory("openwaba-app")));
        command.addAll(arguments);
        var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("openwaba kept running; see " + log);
        }
        return new Exit(process.exitValue(), Files.readString(log.toPath()));
    }

    /** Stops the instance at once, as a crash or {@code kill -9} would: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** A new process with the same arguments, port and data directory (its embedded database included). */
    public AppProcess restart() throws IOException, InterruptedException {
        return start(arguments, dataDir, port);
    }

    private static AppProcess start(List<String> arguments, Path dataDir, int port)
            throws IOException, InterruptedException {
        var log = Files.createTempFile("openwaba-app", ".log").toFile();
        var command = new ArrayList<>(List.of(new File(System.getProperty("java.home"), "bin/java").getPath(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"), "io.openwaba.OpenWabaApplication",
                "--server.port=" + port, "--openwaba.data-dir=" + dataDir,
                "--openwaba.admin.token=" + PlatformTest.ADMIN_TOKEN,
                "--openwaba.bootstrap.token=" + PlatformTest.DEMO_TOKEN));
        command.addAll(arguments);
        var app = new AppProcess(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start(),
                log, arguments, dataDir, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try {
                if (app.http.get("/api/businesses", PlatformTest.ADMIN_TOKEN).status() == 200) {
                    return app;
                }
            } catch (RuntimeException notYet) {
                if (!app.process.isAlive() || System.nanoTime() > deadline) {
                    app.close();
                    throw new IllegalStateException("openwaba did not start; see " + log);
                }
            }
            Thread.sleep(250);
        }
    }

    public Http http() {
        return http;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
