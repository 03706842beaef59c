package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.tenantcore.app.support.ShopTest;
import dev.tenantcore.app.support.StartTlsRelay;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A shop's SMTP sender over TLS, end to end: settings through the API, the test mail through the
 * outbox, read back as received or as the delivery log records its failure. The servers present the
 * tests' own certificate, which application-test.yml trusts through {@code app.email.smtp.trust-store}.
 */
class MailTransportSecurityTest extends ShopTest {

    @RegisterExtension
    static GreenMailExtension mail = StartTlsRelay.greenMail();

    private StartTlsRelay relay;

    @AfterEach
    void closeRelay() {
        if (relay != null) {
            relay.close();
        }
    }

    private void useSmtp(int port, String security) {
        api.put("/api/v1/email/settings")
                .in(shop, owner)
                .json(Map.of(
                        "senderName",
                        "Shop Mailer",
                        "senderAddress",
                        "shop@" + shop.domain(),
                        "provider",
                        "smtp",
                        "smtpHost",
                        "localhost",
                        "smtpPort",
                        port,
                        "smtpSecurity",
                        security))
                .send()
                .assertStatus(200);
    }

    private String testMail() {
        return api.post("/api/v1/email/settings/test")
                .in(shop, owner)
                .send()
                .assertStatus(202)
                .json()
                .get("id")
                .asText();
    }

    private JsonNode delivery(String id) {
        return api.get("/api/v1/email/deliveries/" + id).in(shop, owner).send().json();
    }

    private JsonNode settled(String id) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> delivery(id),
                        d -> !"pending".equals(d.get("status").asText()));
    }

    @Test
    @DisplayName("implicit TLS: the test mail goes out over SMTPS to a server whose certificate is checked")
    void implicitTls() {
        useSmtp(mail.getSmtps().getPort(), "tls");

        JsonNode delivery = settled(testMail());

        assertThat(delivery.get("status").asText()).isEqualTo("sent");
        assertThat(mail.getReceivedMessages()).hasSize(1);
    }

    @Test
    @DisplayName("STARTTLS: the connection is upgraded before the mail is sent")
    void startTls() {
        relay = new StartTlsRelay(mail.getSmtp().getPort());
        useSmtp(relay.port(), "starttls");

        JsonNode delivery = settled(testMail());

        assertThat(delivery.get("status").asText()).isEqualTo("sent");
        assertThat(relay.upgraded()).isEqualTo(1);
        assertThat(mail.getReceivedMessages()).hasSize(1);
    }

    @Test
    @DisplayName(
            "STARTTLS required by a server that does not offer it: failed at once with a clear error, nothing sent")
    void startTlsNotOffered() {
        useSmtp(mail.getSmtp().getPort(), "starttls");

        JsonNode delivery = settled(testMail());

        assertThat(delivery.get("status").asText()).isEqualTo("failed");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.get("error").asText())
                .isEqualTo("The SMTP server does not offer STARTTLS, which the settings require; nothing was sent.");
        assertThat(mail.getReceivedMessages()).isEmpty();
    }
}
