package dev.tenantcore.infra.credentials;

import dev.tenantcore.api.common.TenantId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM under a ring of keys: new values are sealed with the active key, and each stored
 * value names the key that sealed it, so values written before a rotation keep reading. Every value
 * gets a fresh 96-bit nonce and is bound to its tenant, scope and name as associated data, so a
 * ciphertext copied into another tenant's row or under another name no longer decrypts.
 */
final class CredentialCipher {

    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * One cipher object per thread: {@code Cipher.getInstance} looks the provider up each time, and
     * sealing the request origin into every event's metadata made that lookup a visible share of a
     * command's CPU. Each use starts with {@code init} and a fresh nonce, which resets the object
     * whatever the previous use left behind (a failed decryption included).
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available", e);
        }
    });

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;

    CredentialCipher(Map<String, SecretKey> keys, String activeKeyId) {
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalStateException("the active credential key " + activeKeyId + " is not in the key ring");
        }
        this.keys = Map.copyOf(keys);
        this.activeKeyId = activeKeyId;
    }

    /** A value as stored: the id of the key that sealed it and the sealed bytes. */
    record Sealed(String keyId, byte[] ciphertext) {}

    String activeKeyId() {
        return activeKeyId;
    }

    Sealed seal(TenantId tenant, String scope, String name, String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(tenant, scope, name));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] stored = ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                    .put(FORMAT)
                    .put(nonce)
                    .put(sealed)
                    .array();
            return new Sealed(activeKeyId, stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a credential", e);
        }
    }

    /**
     * The plaintext of a stored value. Throws {@link UnreadableCredentialException} when its key is
     * no longer in the ring, or when it does not decrypt (tampered, or moved from another tenant or
     * name): a credential never silently reads as missing or as something else.
     */
    String open(TenantId tenant, String scope, String name, Sealed stored) {
        SecretKey key = keys.get(stored.keyId());
        if (key == null) {
            throw new UnreadableCredentialException("credential " + scope + "/" + name + " was encrypted under key "
                    + stored.keyId() + ", which is not in the configured key ring");
        }
        byte[] bytes = stored.ciphertext();
        if (bytes == null || bytes.length <= 1 + NONCE_BYTES || bytes[0] != FORMAT) {
            throw new UnreadableCredentialException("credential " + scope + "/" + name + " has an unknown format");
        }
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData(tenant, scope, name));
            byte[] plain = cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // Tampered, or another tenant's or another name's value: the same answer for all.
            throw new UnreadableCredentialException("credential " + scope + "/" + name + " does not decrypt under key "
                    + stored.keyId() + " for this tenant");
        }
    }

    /** Tenant, scope and name with separators no scope or name may contain, so no two triples collide. */
    private static byte[] associatedData(TenantId tenant, String scope, String name) {
        return (tenant + "\n" + scope + "\n" + name).getBytes(StandardCharsets.UTF_8);
    }
}
