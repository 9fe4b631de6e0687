package io.openwaba.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One headless Chromium for all console tests: the system's ({@code /usr/bin/chromium}, or
 * {@code OPENWABA_TEST_CHROMIUM}), driven by Playwright, which downloads no browser of its own.
 */
public final class ConsoleBrowser {

    private static Browser browser;

    private ConsoleBrowser() {
    }

    public static synchronized Browser get() {
        if (browser == null) {
            var executable = Path.of(System.getenv().getOrDefault("OPENWABA_TEST_CHROMIUM", "/usr/bin/chromium"));
            if (!Files.isExecutable(executable)) {
                throw new IllegalStateException("Console tests need Chromium at " + executable
                        + " (apt-get install chromium, as .ci/run does)");
            }
            var playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            // The pages mark what tests look for with data-test="…"; getByTestId finds those.
            playwright.selectors().setTestIdAttribute("data-test");
            // Without the networking flags Chromium keeps trying Google's hosts, which this network refuses.
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(executable)
                    .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
                            "--no-first-run", "--disable-background-networking", "--disable-component-update",
                            "--disable-sync")));
            // Closing can hang once the JVM is exiting; the driver and Chromium die with it anyway.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                var closing = new Thread(playwright::close);
                closing.setDaemon(true);
                closing.start();
                try {
                    closing.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        return browser;
    }

    /** Where screenshots go: {@code -Dopenwaba.screenshots=docs/screenshots} refreshes the README's. */
    public static Path screenshot(String name) {
        return Path.of(System.getProperty("openwaba.screenshots", "target/screenshots")).resolve(name + ".png");
    }
}
