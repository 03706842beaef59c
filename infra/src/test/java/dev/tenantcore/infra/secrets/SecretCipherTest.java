package dev.tenantcore.infra.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

@DisplayName("SecretCipher")
class SecretCipherTest {

    private static final byte[] KEY = new byte[32];

    @Test
    @DisplayName("a secret decrypts under its own context and never appears in the ciphertext")
    void roundTrips() {
        SecretCipher cipher = new SecretCipher(KEY);
        byte[] sealed = cipher.encrypt("sk_test_secret", "tenant-a/stripe/secret_key");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("sk_test_secret");
        assertThat(cipher.decrypt(sealed, "tenant-a/stripe/secret_key")).isEqualTo("sk_test_secret");
        assertThat(cipher.encrypt("sk_test_secret", "tenant-a/stripe/secret_key"))
                .as("a fresh nonce every time")
                .isNotEqualTo(sealed);
    }

    @Test
    @DisplayName("a ciphertext moved to another tenant's context, or under another key, does not decrypt")
    void bindsContextAndKey() {
        SecretCipher cipher = new SecretCipher(KEY);
        byte[] sealed = cipher.encrypt("sk_test_secret", "tenant-a/stripe/secret_key");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "tenant-b/stripe/secret_key"))
                .isInstanceOf(IllegalStateException.class);
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThatThrownBy(() -> new SecretCipher(otherKey).decrypt(sealed, "tenant-a/stripe/secret_key"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("the configured master key is used, and a key of the wrong length is refused")
    void readsConfiguredKey() {
        String key = Base64.getEncoder().encodeToString(KEY);
        byte[] sealed = new SecretCipher(new MockEnvironment().withProperty("app.secrets.master-key", key))
                .encrypt("whsec_value", "c");
        assertThat(new SecretCipher(KEY).decrypt(sealed, "c")).isEqualTo("whsec_value");
        assertThatThrownBy(() -> new SecretCipher(new MockEnvironment()
                        .withProperty(
                                "app.secrets.master-key", Base64.getEncoder().encodeToString(new byte[16]))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("without a master key startup fails unless the embedded database is in use")
    void requiresKeyOutsideEmbedded() {
        assertThatThrownBy(() -> new SecretCipher(new MockEnvironment()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("app.secrets.master-key");
    }

    @Test
    @DisplayName("with a kept embedded database the key is generated once into a file and reused")
    void generatesKeyFileOnce(@TempDir Path dir) throws Exception {
        MockEnvironment env = new MockEnvironment()
                .withProperty("app.embedded-db.actual-port", "5432")
                .withProperty(
                        "app.embedded-db.data-dir", dir.resolve("postgres").toString());
        byte[] sealed = new SecretCipher(env).encrypt("secret", "c");
        Path file = dir.resolve("master.key");
        assertThat(file).exists();
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        assertThat(new SecretCipher(env).decrypt(sealed, "c")).isEqualTo("secret");
    }
}
