package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.PlatformMailbox;
import dev.tenantcore.app.support.ShopTest;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A shop without a sender of its own mails through the platform's default sender, which the tests'
 * application points at {@link PlatformMailbox} (a real SMTP server in this JVM).
 */
class DefaultSenderTest extends ShopTest {

    private String ownerEmail() {
        return api.get("/api/v1/auth/me")
                .in(shop, owner)
                .send()
                .json()
                .get("email")
                .asText();
    }

    private static Optional<MimeMessage> receivedBy(String to) {
        return Arrays.stream(PlatformMailbox.get().getReceivedMessages())
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getAllRecipients())
                                .map(Address::toString)
                                .anyMatch(to::equals);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .findFirst();
    }

    @Test
    @DisplayName("a shop without its own settings sends through the platform's sender: its From and Reply-To")
    void shopsWithoutSettingsUseThePlatformSender() throws Exception {
        api.get("/api/v1/email/settings").in(shop, owner).send().assertStatus(404);
        String to = ownerEmail();

        JsonNode queued = api.post("/api/v1/email/settings/test")
                .in(shop, owner)
                .send()
                .assertStatus(202)
                .json();

        MimeMessage mail = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> receivedBy(to), Optional::isPresent)
                .orElseThrow();
        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo(PlatformMailbox.FROM_ADDRESS);
        assertThat(from.getPersonal()).isEqualTo(PlatformMailbox.FROM_NAME);
        assertThat(mail.getReplyTo()).extracting(Address::toString).containsExactly(PlatformMailbox.REPLY_TO);
        assertThat(mail.getHeader("X-Tenantcore-Delivery"))
                .containsExactly(queued.get("id").asText());
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode delivery = api.get(
                            "/api/v1/email/deliveries/" + queued.get("id").asText())
                    .in(shop, owner)
                    .send()
                    .json();
            assertThat(delivery.get("status").asText()).isEqualTo("sent");
            assertThat(delivery.get("provider").asText()).isEqualTo("smtp");
        });
    }
}
