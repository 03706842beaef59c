package dev.tenantcore.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ApiKeySecretsTest {

    @Test
    @DisplayName("a secret is tck_, twelve hex digits of the key id and 256 random bits; only its SHA-256 is kept")
    void issuesWellFormedSecrets() {
        UUID id = UUID.fromString("3f9a1c2b-7d4e-4a1b-9c3d-5e6f7a8b9c0d");
        ApiKeySecrets.Issued issued = ApiKeySecrets.issue(id);

        assertThat(issued.secret()).matches("^tck_3f9a1c2b7d4e_[A-Za-z0-9_-]{43}$");
        assertThat(issued.prefix()).isEqualTo("tck_3f9a1c2b7d4e");
        assertThat(issued.hash()).hasSize(64).isEqualTo(ApiKeySecrets.hash(issued.secret()));
        assertThat(ApiKeySecrets.prefixOf(issued.secret())).contains(issued.prefix());
        assertThat(ApiKeySecrets.looksLikeApiKey(issued.secret())).isTrue();
    }

    @Test
    @DisplayName("two secrets for the same key id never repeat")
    void secretsAreRandom() {
        Set<String> secrets = new HashSet<>();
        UUID id = UUID.randomUUID();
        for (int i = 0; i < 1000; i++) {
            secrets.add(ApiKeySecrets.issue(id).secret());
        }
        assertThat(secrets).hasSize(1000);
    }

    @Test
    @DisplayName("anything not shaped like a secret has no prefix, and a JWT is not mistaken for a key")
    void rejectsOtherShapes() {
        assertThat(ApiKeySecrets.prefixOf("tck_3f9a1c2b7d4e_short")).isEmpty();
        assertThat(ApiKeySecrets.prefixOf("tck_3F9A1C2B7D4E_" + "a".repeat(43))).isEmpty();
        assertThat(ApiKeySecrets.prefixOf("tck_3f9a1c2b7d4e_" + "a".repeat(42) + "="))
                .isEmpty();
        assertThat(ApiKeySecrets.prefixOf(null)).isEmpty();
        assertThat(ApiKeySecrets.looksLikeApiKey("eyJhbGciOiJSUzI1NiJ9.e30.sig"))
                .isFalse();
    }
}
