package dev.tenantcore.infra.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.app.support.IntegrationTest;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotation on the real table: the running node encrypts under the key it generated; a node
 * configured with a new active key reads those values, re-encrypts them, and they then read only
 * where the new key is in the ring. Each test works in a tenant of its own, which is in no tenant
 * directory, so no other test's values move and no platform sweep meets these.
 */
@IntegrationTest
@DisplayName("Rotating the credential key")
class CredentialRotationTest {

    /** A tenant of each test's own. */
    private final TenantId tenant = new TenantId(UUID.randomUUID());

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    JdbcTenantCredentials running;

    private <T> T asTenant(Supplier<T> work) {
        try (var scope = TenantContext.enter(tenant, null)) {
            return new TransactionTemplate(transactionManager).execute(status -> work.get());
        }
    }

    private JdbcTenantCredentials node(MockEnvironment env) {
        return new JdbcTenantCredentials(jdbc, new CredentialKeys(env, jdbc));
    }

    @Test
    @DisplayName("old values read before and after re-encryption, and a value left under a removed key fails clearly")
    void rotates() {
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        String newKey = Base64.getEncoder().encodeToString(material);
        JdbcTenantCredentials rotated = node(new MockEnvironment()
                .withProperty("tenantcore.credentials.keys.k2", newKey)
                .withProperty("tenantcore.credentials.active-key", "k2"));
        asTenant(() -> {
            running.put("mail.sender", "password", "smtp-password-1");
            running.put("mail.sender", "apiKey", "sendgrid-key-1");
            return null;
        });

        assertThat(asTenant(() -> rotated.read("mail.sender", "password"))).hasValue("smtp-password-1");

        assertThat(asTenant(rotated::reEncrypt)).isEqualTo(2);
        assertThat(asTenant(rotated::reEncrypt))
                .as("a second sweep finds nothing left")
                .isZero();
        assertThat(asTenant(() -> jdbc.queryForList("SELECT DISTINCT key_id FROM tenant_credentials", String.class)))
                .containsExactly("k2");
        assertThat(asTenant(() -> rotated.readAll("mail.sender")))
                .containsEntry("password", "smtp-password-1")
                .containsEntry("apiKey", "sendgrid-key-1");

        // The running node's ring lacks k2, as a node would once k2 were removed from its configuration.
        assertThatThrownBy(() -> asTenant(() -> running.read("mail.sender", "password")))
                .isInstanceOf(UnreadableCredentialException.class)
                .hasMessageContaining("k2")
                .hasMessageContaining("not in the configured key ring");
    }

    @Test
    @DisplayName("a node without configured keys uses the key the first node generated into the database")
    void sharesGeneratedKey() {
        asTenant(() -> {
            running.put("channels.telegram", "botToken", "123456:telegram-token");
            return null;
        });

        JdbcTenantCredentials secondNode = node(new MockEnvironment());

        assertThat(asTenant(() -> secondNode.read("channels.telegram", "botToken")))
                .hasValue("123456:telegram-token");
    }
}
