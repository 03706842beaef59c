package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.api.payments.PaymentProviderSettingsId;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import dev.tenantcore.command.payments.provider.ProviderCredentials;
import dev.tenantcore.command.payments.settings.PaymentProviderSettings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@DisplayName("Tenant credentials")
class TenantCredentialsTest extends ShopTest {

    private static final String SECRET_KEY = "sk_test_51AcmeOnlyKeyAbcd";
    private static final String WEBHOOK_SECRET = "whsec_AcmeOnlySecretWxyz";

    @Autowired
    PaymentProviderSettings settings;

    private Api.Response putStripe(Platform.Shop in, String token, String secretKey, String webhookSecret) {
        return api.put("/api/v1/payment-providers/stripe")
                .origin(in.domain())
                .bearer(token)
                .json(Map.of(
                        "enabled",
                        true,
                        "publishableKey",
                        "pk_" + in.slug(),
                        "secretKey",
                        secretKey,
                        "webhookSecret",
                        webhookSecret))
                .send();
    }

    @Test
    @DisplayName("a second tenant and an attacker can neither read nor overwrite the first tenant's credentials")
    void isolatesTenants() {
        assertThat(putStripe(shop, owner, SECRET_KEY, WEBHOOK_SECRET).status()).isEqualTo(200);

        Platform.Shop other = platform.newShop();
        String otherOwner = platform.ownerToken(other);
        Api.Response otherPut = putStripe(other, otherOwner, "sk_test_OtherShopKeyQrst", "whsec_OtherShopSecretUvwx");
        assertThat(otherPut.status()).as(otherPut.toString()).isEqualTo(200);
        assertThat(otherPut.json().get("secretKey").get("last4").asText()).isEqualTo("Qrst");

        // The other owner's token at the first shop's domain, no token, and a customer of the first shop.
        assertThat(putStripe(shop, otherOwner, "sk_test_AttackerKey0000", "whsec_Attacker0000")
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/payment-providers")
                        .origin(shop.domain())
                        .bearer(otherOwner)
                        .send()
                        .status())
                .isEqualTo(403);
        assertThat(api.put("/api/v1/payment-providers/stripe")
                        .origin(shop.domain())
                        .json(Map.of("enabled", false))
                        .send()
                        .status())
                .isEqualTo(401);
        assertThat(putStripe(shop, platform.customerToken(shop), "sk_test_AttackerKey0000", "whsec_Attacker0000")
                        .status())
                .isEqualTo(403);

        Api.Response mine = api.get("/api/v1/payment-providers")
                .origin(shop.domain())
                .bearer(owner)
                .send();
        assertThat(mine.body())
                .doesNotContain(SECRET_KEY)
                .doesNotContain("Qrst")
                .doesNotContain("0000");
        Api.Response theirs = api.get("/api/v1/payment-providers")
                .origin(other.domain())
                .bearer(otherOwner)
                .send();
        assertThat(theirs.body()).doesNotContain("Abcd").doesNotContain("Wxyz");

        ProviderCredentials stored = asTenant(
                shop, () -> settings.credentials(PaymentProviderKind.STRIPE).orElseThrow());
        assertThat(stored.secretKey()).isEqualTo(SECRET_KEY);
        assertThat(stored.webhookSecret()).isEqualTo(WEBHOOK_SECRET);
        assertThat(stored.publishableKey()).isEqualTo("pk_" + shop.slug());
    }

    @Test
    @DisplayName("the credential table holds no plaintext, and a value copied into another tenant's row does not read")
    void encryptedAtRest() {
        assertThat(putStripe(shop, owner, SECRET_KEY, WEBHOOK_SECRET).status()).isEqualTo(200);

        List<byte[]> ciphertexts = asTenant(
                shop,
                () -> jdbc.queryForList(
                        "SELECT ciphertext FROM tenant_credentials WHERE scope = 'payments.stripe'", byte[].class));
        assertThat(ciphertexts).hasSize(2);
        for (byte[] ciphertext : ciphertexts) {
            String raw = new String(ciphertext, StandardCharsets.ISO_8859_1);
            assertThat(raw)
                    .doesNotContain(SECRET_KEY)
                    .doesNotContain(WEBHOOK_SECRET)
                    .doesNotContain("Abcd");
        }
        String keyId = asTenant(
                shop,
                () -> jdbc.queryForObject(
                        "SELECT key_id FROM tenant_credentials WHERE scope = 'payments.stripe' AND name = 'secretKey'",
                        String.class));

        Platform.Shop other = platform.newShop();
        Api.Response otherPut =
                putStripe(other, platform.ownerToken(other), "sk_test_OtherShopKeyQrst", "whsec_OtherShopSecretUvwx");
        assertThat(otherPut.status()).isEqualTo(200);
        // Someone with write access to the database moves the first shop's ciphertext into the other's row.
        asTenant(
                other,
                () -> jdbc.update(
                        "UPDATE tenant_credentials SET key_id = ?, ciphertext = ? WHERE scope = 'payments.stripe'"
                                + " AND name = 'secretKey'",
                        keyId,
                        ciphertexts.get(0)));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> asTenant(other, () -> settings.credentials(PaymentProviderKind.STRIPE)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not decrypt");
    }

    @Test
    @DisplayName("every change is an event naming who changed which secret, never a secret's value")
    void changesAreEvents() {
        assertThat(putStripe(shop, owner, SECRET_KEY, WEBHOOK_SECRET).status()).isEqualTo(200);
        Api.Response rotated = api.put("/api/v1/payment-providers/stripe")
                .origin(shop.domain())
                .bearer(owner)
                .json(Map.of("enabled", true, "publishableKey", "pk_new", "secretKey", "sk_test_RotatedKeyEfgh"))
                .send();
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        assertThat(rotated.header("ETag")).isEqualTo("\"1\"");
        Api.Response stale = api.put("/api/v1/payment-providers/stripe")
                .origin(shop.domain())
                .bearer(owner)
                .header("If-Match", "\"0\"")
                .json(Map.of("enabled", false))
                .send();
        assertThat(stale.status()).isEqualTo(412);
        Api.Response cleared = api.put("/api/v1/payment-providers/stripe")
                .origin(shop.domain())
                .bearer(owner)
                .header("If-Match", "\"1\"")
                .json(Map.of("enabled", false, "clearSecrets", List.of("webhookSecret")))
                .send();
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.json().get("webhookSecret").get("set").asBoolean()).isFalse();

        List<String> payloads = jdbc.queryForList(
                "SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " ORDER BY sequence_number",
                String.class,
                PaymentProviderSettingsId.of(TenantId.of(shop.id()), PaymentProviderKind.STRIPE)
                        .toString());
        assertThat(payloads).hasSize(3);
        assertThat(String.join("\n", payloads))
                .doesNotContain(SECRET_KEY)
                .doesNotContain(WEBHOOK_SECRET)
                .doesNotContain("sk_test_RotatedKeyEfgh")
                .doesNotContain("Abcd")
                .doesNotContain("Efgh");
        assertThat(payloads.get(0))
                .contains("\"secretsSet\":[")
                .contains("secretKey")
                .contains("\"changedBy\":\"");
        assertThat(payloads.get(1)).contains("\"secretsReplaced\":[\"secretKey\"]");
        assertThat(payloads.get(2)).contains("\"secretsCleared\":[\"webhookSecret\"]");
    }

    @Test
    @DisplayName("only a platform admin may re-encrypt the stored credentials")
    void reEncryptionIsPlatformOnly() {
        assertThat(api.post("/api/v1/platform/credentials/re-encryption")
                        .bearer(owner)
                        .send()
                        .status())
                .isEqualTo(403);
        Api.Response swept = api.post("/api/v1/platform/credentials/re-encryption")
                .bearer(platform.adminToken())
                .send();
        assertThat(swept.status()).as(swept.toString()).isEqualTo(200);
        assertThat(swept.json().get("activeKey").asText()).isEqualTo("generated");
    }
}
