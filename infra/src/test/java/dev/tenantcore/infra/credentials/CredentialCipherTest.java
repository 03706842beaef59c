package dev.tenantcore.infra.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.api.common.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.SecretKey;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("CredentialCipher")
class CredentialCipherTest {

    private static final TenantId ACME = TenantId.random();
    private static final TenantId GLOBEX = TenantId.random();
    private static final String SCOPE = "payments.stripe";
    private static final String SECRET = "sk_test_51NotARealKeyAbcd";
    private static final SecretKey OLD = randomKey();
    private static final SecretKey NEW = randomKey();

    private static SecretKey randomKey() {
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        return CredentialKeys.key(material, "test key");
    }

    private static final CredentialCipher CIPHER = new CredentialCipher(Map.of("k1", OLD), "k1");

    /** Acme's Stripe secret key, sealed by {@code cipher}. */
    private static CredentialCipher.Sealed sealedSecret(CredentialCipher cipher) {
        return cipher.seal(ACME, SCOPE, "secretKey", SECRET);
    }

    /** Expects opening to fail as unreadable: never a wrong plaintext, never another exception. */
    private static AbstractThrowableAssert<?, ? extends Throwable> assertUnreadable(ThrowingCallable opening) {
        return assertThatThrownBy(opening).isInstanceOf(UnreadableCredentialException.class);
    }

    @Test
    @DisplayName("a secret reads back, never appears in its ciphertext, and gets a fresh nonce every time")
    void roundTrips() {
        CredentialCipher.Sealed sealed = sealedSecret(CIPHER);

        assertThat(sealed.keyId()).isEqualTo("k1");
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
        assertThat(CIPHER.open(ACME, SCOPE, "secretKey", sealed)).isEqualTo(SECRET);
        assertThat(CIPHER.seal(ACME, SCOPE, "secretKey", SECRET).ciphertext()).isNotEqualTo(sealed.ciphertext());
    }

    @Test
    @DisplayName("a ciphertext with one byte changed is refused")
    void refusesTampering() {
        CredentialCipher.Sealed sealed = sealedSecret(CIPHER);
        for (int i = 0; i < sealed.ciphertext().length; i++) {
            byte[] tampered = sealed.ciphertext().clone();
            tampered[i] ^= 1;
            assertThatThrownBy(() -> CIPHER.open(ACME, SCOPE, "secretKey", new CredentialCipher.Sealed("k1", tampered)))
                    .as("byte %d changed", i)
                    .isInstanceOf(UnreadableCredentialException.class);
        }
    }

    @Test
    @DisplayName(
            "a refused value leaves nothing behind: the same thread seals and opens as before, and so do many at once")
    void refusalsLeaveNoState() throws Exception {
        CredentialCipher.Sealed sealed = sealedSecret(CIPHER);
        byte[] tampered = sealed.ciphertext().clone();
        tampered[tampered.length - 1] ^= 1;
        assertUnreadable(() -> CIPHER.open(ACME, SCOPE, "secretKey", new CredentialCipher.Sealed("k1", tampered)));

        assertThat(CIPHER.open(ACME, SCOPE, "secretKey", sealed)).isEqualTo(SECRET);
        assertThat(CIPHER.open(ACME, SCOPE, "secretKey", sealedSecret(CIPHER))).isEqualTo(SECRET);

        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String value = SECRET + i;
                results.add(threads.submit(
                        () -> CIPHER.open(ACME, SCOPE, "secretKey", CIPHER.seal(ACME, SCOPE, "secretKey", value))));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(SECRET + i);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    @DisplayName("a ciphertext moved to another tenant, scope or name does not decrypt")
    void bindsTenantScopeAndName() {
        CredentialCipher.Sealed sealed = sealedSecret(CIPHER);

        assertUnreadable(() -> CIPHER.open(GLOBEX, SCOPE, "secretKey", sealed))
                .hasMessageContaining("does not decrypt");
        assertUnreadable(() -> CIPHER.open(ACME, "payments.paypal", "secretKey", sealed));
        assertUnreadable(() -> CIPHER.open(ACME, SCOPE, "webhookSecret", sealed));
    }

    @Test
    @DisplayName("a value naming a key id the ring does not hold fails with that key id, never as missing")
    void unknownKeyId() {
        CredentialCipher.Sealed sealed = sealedSecret(CIPHER);

        assertUnreadable(() ->
                        CIPHER.open(ACME, SCOPE, "secretKey", new CredentialCipher.Sealed("k9", sealed.ciphertext())))
                .hasMessageContaining("k9")
                .hasMessageContaining("not in the configured key ring");
    }

    @Test
    @DisplayName("a key of the wrong length, or an active key missing from the ring, is refused at start")
    void refusesBadRings() {
        assertThatThrownBy(() -> CredentialKeys.key(new byte[16], "tenantcore.credentials.keys.k1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new CredentialCipher(Map.of("k1", OLD), "k2"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("k2");
    }

    @Nested
    @DisplayName("rotating the key")
    class Rotating {

        private final CredentialCipher before = new CredentialCipher(Map.of("k1", OLD), "k1");
        private final CredentialCipher during = new CredentialCipher(Map.of("k1", OLD, "k2", NEW), "k2");
        private final CredentialCipher after = new CredentialCipher(Map.of("k2", NEW), "k2");

        @Test
        @DisplayName("old ciphertexts still read under the new active key, before and after re-encryption")
        void oldValuesKeepReading() {
            CredentialCipher.Sealed old = sealedSecret(before);

            assertThat(during.open(ACME, SCOPE, "secretKey", old)).isEqualTo(SECRET);
            CredentialCipher.Sealed reEncrypted =
                    during.seal(ACME, SCOPE, "secretKey", during.open(ACME, SCOPE, "secretKey", old));
            assertThat(reEncrypted.keyId()).isEqualTo("k2");
            assertThat(during.open(ACME, SCOPE, "secretKey", reEncrypted)).isEqualTo(SECRET);
            assertThat(after.open(ACME, SCOPE, "secretKey", reEncrypted)).isEqualTo(SECRET);
            assertThat(during.seal(ACME, SCOPE, "webhookSecret", "whsec_new").keyId())
                    .as("new values go under the active key")
                    .isEqualTo("k2");
        }

        @Test
        @DisplayName("a value left under a key that was removed from the ring fails clearly")
        void removedKeyFails() {
            CredentialCipher.Sealed old = sealedSecret(before);

            assertUnreadable(() -> after.open(ACME, SCOPE, "secretKey", old)).hasMessageContaining("k1");
        }

        @Test
        @DisplayName("a key re-used under another id does not stand in for the key id a value names")
        void keyIdMatters() {
            CredentialCipher.Sealed old = sealedSecret(before);
            CredentialCipher swapped = new CredentialCipher(Map.of("k1", NEW, "k2", OLD), "k2");

            assertUnreadable(() -> swapped.open(ACME, SCOPE, "secretKey", old));
        }
    }
}
