package dev.tenantcore.infra.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM for secrets stored in the database. Every value gets a fresh 96-bit nonce and is
 * bound to {@code context} (associated data such as tenant, provider and field), so a ciphertext
 * copied into another tenant's row or another column no longer decrypts.
 *
 * <p>The key is {@code app.secrets.master-key} (base64 of 32 bytes). Only with the embedded
 * database may it be left unset: an ephemeral database gets a key that lives as long as the
 * process, a kept one a key generated once into {@code app.secrets.master-key-file} (by default
 * {@code master.key} beside the database directory). Anywhere else startup fails without it.
 * The key is never logged.
 */
@Component
public class SecretCipher {

    private static final byte FORMAT = 1;
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    @Autowired
    public SecretCipher(Environment env) {
        this.key = new SecretKeySpec(masterKey(env), "AES");
    }

    SecretCipher(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    public byte[] encrypt(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                    .put(FORMAT)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a secret", e);
        }
    }

    public String decrypt(byte[] stored, String context) {
        if (stored == null || stored.length <= 1 + NONCE_BYTES || stored[0] != FORMAT) {
            throw new IllegalStateException("a stored secret has an unknown format");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // Wrong key, tampered value or another row's value: all the same to the caller.
            throw new IllegalStateException("a stored secret does not decrypt under the master key");
        }
    }

    private static byte[] masterKey(Environment env) {
        String configured = env.getProperty("app.secrets.master-key");
        if (configured != null && !configured.isBlank()) {
            return decoded(configured.strip(), "app.secrets.master-key");
        }
        if (env.getProperty("app.embedded-db.actual-port") == null) {
            throw new IllegalStateException("app.secrets.master-key (base64 of 32 random bytes) is required when"
                    + " the embedded database is not used");
        }
        if (env.getProperty("app.embedded-db.ephemeral", Boolean.class, false)) {
            return random();
        }
        Path dataDir = Path.of(env.getProperty("app.embedded-db.data-dir", "data/postgres"))
                .toAbsolutePath();
        Path file = Path.of(env.getProperty(
                "app.secrets.master-key-file",
                dataDir.resolveSibling("master.key").toString()));
        return fromFile(file);
    }

    private static byte[] fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                try {
                    Files.createFile(
                            file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(random()));
                } catch (FileAlreadyExistsException raced) {
                    // Another instance created it first; its key is the one to use.
                } catch (UnsupportedOperationException notPosix) {
                    Files.writeString(file, Base64.getEncoder().encodeToString(random()));
                }
            }
            return decoded(Files.readString(file).strip(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key file " + file, e);
        }
    }

    private static byte[] decoded(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException(source + " must hold 32 bytes (AES-256)");
        }
        return bytes;
    }

    private static byte[] random() {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
