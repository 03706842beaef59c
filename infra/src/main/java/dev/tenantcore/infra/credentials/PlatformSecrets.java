package dev.tenantcore.infra.credentials;

import dev.tenantcore.api.common.TenantId;
import org.springframework.stereotype.Component;

/**
 * Secrets of the platform itself (the token signing keys), sealed like tenants' credentials: the same
 * key ring and AES-256-GCM, filed under the platform's own tenant id, a scope and a name, so a value
 * copied under another name no longer opens. The caller stores what it seals; this class keeps no
 * value.
 */
@Component
public class PlatformSecrets {

    private final CredentialKeys keys;

    PlatformSecrets(CredentialKeys keys) {
        this.keys = keys;
    }

    /** A sealed value as the caller stores it: the id of the ring key that sealed it, and the bytes. */
    public record Sealed(String keyId, byte[] ciphertext) {}

    /** The ring key that seals from now on; a value sealed under another one should be sealed again. */
    public String activeKeyId() {
        return keys.cipher().activeKeyId();
    }

    public Sealed seal(String scope, String name, String plaintext) {
        CredentialCipher.Sealed sealed = keys.cipher().seal(TenantId.PLATFORM, scope, name, plaintext);
        return new Sealed(sealed.keyId(), sealed.ciphertext());
    }

    /**
     * The plaintext of a stored value; {@link UnreadableCredentialException} when its key left the ring
     * or it does not open under its name.
     */
    public String open(String scope, String name, Sealed stored) {
        return keys.cipher()
                .open(TenantId.PLATFORM, scope, name, new CredentialCipher.Sealed(stored.keyId(), stored.ciphertext()));
    }
}
