package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tenantcore.app.support.ShopTest;
import dev.tenantcore.infra.mail.MailOutbox;
import dev.tenantcore.infra.mail.MailTemplate;
import dev.tenantcore.infra.mail.OutgoingMail;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Mails handed to GreenMail per second through the whole path (outbox row and task, db-scheduler,
 * composition, Handlebars, SMTP), next to the same number of plain mails sent over one SMTP
 * connection from this JVM. Not a test: run by {@code bench/mail.sh} (its name matches no test
 * pattern, so the build never runs it).
 */
class MailThroughputBench extends ShopTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final int MAILS = Integer.getInteger("bench.mails", 500);

    @Autowired
    MailOutbox outbox;

    @Test
    @DisplayName("mails handed to GreenMail per second, through the outbox and as plain SMTP")
    void throughput() throws Exception {
        int port = mail.getSmtp().getPort();
        api.put("/api/v1/email/settings")
                .in(shop, owner)
                .json(Map.of(
                        "senderName", "Bench",
                        "senderAddress", "bench@" + shop.domain(),
                        "provider", "smtp",
                        "smtpHost", "127.0.0.1",
                        "smtpPort", port,
                        "smtpSecurity", "none"))
                .send()
                .assertStatus(200);

        long baselineStart = System.nanoTime();
        Session session = Session.getInstance(new Properties());
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect("127.0.0.1", port, null, null);
            for (int i = 0; i < MAILS; i++) {
                MimeMessage message = new MimeMessage(session);
                message.setFrom(new InternetAddress("bench@example.test"));
                message.setRecipients(Message.RecipientType.TO, "baseline@example.test");
                message.setSubject("Baseline " + i);
                message.setText("Baseline mail " + i);
                transport.sendMessage(message, message.getAllRecipients());
            }
        }
        double baselineSeconds = (System.nanoTime() - baselineStart) / 1e9;
        int baselineReceived = mail.getReceivedMessages().length;

        long start = System.nanoTime();
        asTenant(shop, () -> {
            for (int i = 0; i < MAILS; i++) {
                outbox.enqueue(OutgoingMail.to(
                                "visitor-" + i + "@example.test",
                                "bench:" + UUID.randomUUID(),
                                MailTemplate.LEAD_CONFIRMATION,
                                Map.of("name", "Visitor " + i, "message", "Hello"))
                        .withLocale(i % 2 == 0 ? "en" : "es"));
            }
            return null;
        });
        double queuedSeconds = (System.nanoTime() - start) / 1e9;
        Awaitility.await()
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> mail.getReceivedMessages().length >= baselineReceived + MAILS);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(mail.getReceivedMessages()).hasSize(baselineReceived + MAILS);

        String report = String.format(
                "| measure | value |%n|---|---|%n"
                        + "| mails queued in one transaction | %d in %.2f s |%n"
                        + "| outbox → GreenMail, queue to last received (mails/s) | %.1f |%n"
                        + "| plain SMTP, one connection, same JVM (mails/s) | %.1f |%n"
                        + "| ratio | %.2f |%n",
                MAILS,
                queuedSeconds,
                MAILS / seconds,
                MAILS / baselineSeconds,
                (MAILS / seconds) / (MAILS / baselineSeconds));
        System.out.println(report);
        Files.writeString(Path.of("target", "mail-bench.md"), report);
    }
}
