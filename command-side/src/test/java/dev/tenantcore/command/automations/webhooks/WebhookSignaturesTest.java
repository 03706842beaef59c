package dev.tenantcore.command.automations.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Standard Webhooks signatures")
class WebhookSignaturesTest {

    @Test
    @DisplayName("match the specification's published example")
    void specificationExample() {
        // The example of the specification's reference libraries (standard-webhooks/standard-webhooks).
        String signature = WebhookSignatures.sign(
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330,
                "{\"test\": 2432232314}");
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    @DisplayName("several secrets sign side by side, separated by a space")
    void severalSecrets() {
        String a = WebhookSignatures.newSecret();
        String b = WebhookSignatures.newSecret();
        String header = WebhookSignatures.header(List.of(a, b), "id", 1, "{}");
        assertThat(header.split(" "))
                .containsExactly(WebhookSignatures.sign(a, "id", 1, "{}"), WebhookSignatures.sign(b, "id", 1, "{}"));
    }

    @Test
    @DisplayName("a new secret is whsec_ and 24 random bytes")
    void newSecret() {
        String secret = WebhookSignatures.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(24);
        assertThat(WebhookSignatures.newSecret()).isNotEqualTo(secret);
    }
}
