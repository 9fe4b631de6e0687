package io.openwaba.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A real SMTP server (GreenMail) for the test JVM; the application sends its notices to it. */
public final class TestMail {

    private static GreenMail server;

    private TestMail() {
    }

    public static synchronized void register(DynamicPropertyRegistry registry) {
        if (server == null) {
            server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
            server.start();
        }
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> server.getSmtp().getPort());
    }

    /** The SMTP port, for an application started in another JVM (after {@link #register}). */
    public static synchronized int smtpPort() {
        return server.getSmtp().getPort();
    }

    /** Every mail received so far, addressed to {@code to}. */
    public static List<MimeMessage> receivedBy(String to) {
        return Arrays.stream(server.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(to));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
