package dev.tenantcore.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.app.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The token signing keys as the database holds them, read as the owning role (which sees every
 * row): no private key is stored in clear, and a key an earlier version stored in clear is sealed
 * at the next start without changing the key itself.
 */
@IntegrationTest
@DisplayName("Signing keys at rest")
class SigningKeysAtRestTest {

    @Autowired
    Environment env;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SigningKeys running;

    private final String legacyKid = "legacy-" + UUID.randomUUID();

    /** A stored key of what this class inserts, as a row of the table. */
    record StoredKey(String kid, byte[] privateKey) {}

    @AfterEach
    void removeLegacyKey() {
        jdbc.update("DELETE FROM signing_keys WHERE kid = ?", legacyKid);
    }

    private List<StoredKey> storedAsOwner() throws SQLException {
        List<StoredKey> rows = new ArrayList<>();
        try (Connection owner = DriverManager.getConnection(
                        env.getProperty("spring.flyway.url"),
                        env.getProperty("spring.flyway.user"),
                        env.getProperty("spring.flyway.password"));
                var statement = owner.createStatement();
                var rs = statement.executeQuery("SELECT kid, private_key FROM signing_keys")) {
            while (rs.next()) {
                rows.add(new StoredKey(rs.getString("kid"), rs.getBytes("private_key")));
            }
        }
        return rows;
    }

    private static boolean isClearPrivateKey(byte[] stored) {
        if (new String(stored, StandardCharsets.ISO_8859_1).contains("PRIVATE KEY")) {
            return true; // PEM
        }
        try {
            KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(stored));
            return true;
        } catch (Exception notAKey) {
            return false;
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    @DisplayName("the stored private key column holds no PEM or DER key material")
    void noClearKeys() throws Exception {
        byte[] signing = running.signingKey().toRSAPrivateKey().getEncoded();

        List<StoredKey> stored = storedAsOwner();

        assertThat(stored).isNotEmpty();
        for (StoredKey key : stored) {
            assertThat(isClearPrivateKey(key.privateKey()))
                    .as("private key of %s is stored in clear", key.kid())
                    .isFalse();
            assertThat(contains(key.privateKey(), signing))
                    .as("private key of %s contains the signing key's DER", key.kid())
                    .isFalse();
        }
    }

    @Test
    @DisplayName("a key an earlier version stored in clear is sealed at start, and still signs what it signed")
    void sealsClearKeysAtStart() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair legacy = generator.generateKeyPair();
        // As the previous version wrote it, dated long ago so that it never becomes the signing key.
        jdbc.update(
                "INSERT INTO signing_keys (kid, algorithm, public_key, private_key, created_at) VALUES (?, 'RS256', ?, ?, ?)",
                legacyKid,
                legacy.getPublic().getEncoded(),
                legacy.getPrivate().getEncoded(),
                Timestamp.from(Instant.parse("2001-01-01T00:00:00Z")));

        SigningKeys restarted = node();

        StoredKey stored = storedAsOwner().stream()
                .filter(k -> k.kid().equals(legacyKid))
                .findFirst()
                .orElseThrow();
        assertThat(isClearPrivateKey(stored.privateKey()))
                .as("the clear key is sealed at start")
                .isFalse();
        assertThat(restarted.publicKeys().getKeyByKeyId(legacyKid))
                .as("still published, so the tokens it signed still verify")
                .isNotNull();
        assertThat(restarted.publicKeys().getKeyByKeyId(legacyKid).toRSAKey().toRSAPublicKey())
                .isEqualTo(legacy.getPublic());
        assertThat(restarted.privateKeys().getKeyByKeyId(legacyKid).toRSAKey().toRSAPrivateKey())
                .as("the same private key, opened from its sealed form")
                .extracting(RSAPrivateKey::getPrivateExponent)
                .isEqualTo(((RSAPrivateKey) legacy.getPrivate()).getPrivateExponent());
    }

    @Autowired
    ApplicationContext context;

    /** Another node starting on this database. */
    private SigningKeys node() {
        return AnotherNode.signingKeys(context);
    }
}
