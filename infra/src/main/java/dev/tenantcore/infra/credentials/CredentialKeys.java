package dev.tenantcore.infra.credentials;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * The key ring that encrypts tenants' credentials and the token signing keys:
 * {@code tenantcore.credentials.keys.<id>} (base64 of 32 bytes each), or
 * {@code tenantcore.credentials.key-files.<id>} (a file holding that, readable by its owner only: see
 * {@link KeyFiles}), with {@code tenantcore.credentials.active-key} naming the one that encrypts;
 * the others only decrypt, until a re-encryption has moved every value off them.
 *
 * <p>With no key configured, a key is generated at first start and kept in {@code credential_keys},
 * as the token signing keys are, so every node on the database reads what another wrote and a
 * restart loses nothing. That key sits beside the values it protects, so it only guards against a
 * copy of one table: a warning says production should configure its own keys. A generated key
 * stays in the ring after keys are configured, so what it encrypted still reads until re-encrypted.
 */
@Component
class CredentialKeys {

    static final String GENERATED = "generated";

    private static final Logger log = LoggerFactory.getLogger(CredentialKeys.class);
    private static final Pattern KEY_ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
    private static final int KEY_BYTES = 32;

    private final Environment env;
    private final JdbcTemplate jdbc;
    /** Loaded at first use rather than at construction: the database is migrated by then. */
    private final SingletonSupplier<CredentialCipher> cipher = SingletonSupplier.of(this::load);

    CredentialKeys(Environment env, JdbcTemplate jdbc) {
        this.env = env;
        this.jdbc = jdbc;
        // At construction, so that an exposed key file stops the start rather than the first use.
        KeyFiles.checkPermissions(env);
    }

    CredentialCipher cipher() {
        return cipher.obtain();
    }

    private CredentialCipher load() {
        Map<String, String> inline = Binder.get(env)
                .bind("tenantcore.credentials.keys", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        Map<String, SecretKey> configured = new LinkedHashMap<>();
        inline.forEach((id, base64) -> {
            checkId(id);
            String source = "tenantcore.credentials.keys." + id;
            configured.put(id, key(decoded(base64, source), source));
        });
        KeyFiles.read(env).forEach((id, key) -> {
            checkId(id);
            if (configured.putIfAbsent(id, key) != null) {
                throw new IllegalStateException("credential key " + id + " is configured both inline and as a file");
            }
        });
        String active = env.getProperty("tenantcore.credentials.active-key");
        if ((active == null || active.isBlank()) && configured.size() == 1) {
            active = configured.keySet().iterator().next();
        }
        if ((active == null || active.isBlank()) && !configured.isEmpty()) {
            throw new IllegalStateException(
                    "tenantcore.credentials.active-key must name one of the configured keys " + configured.keySet());
        }
        Map<String, SecretKey> ring = new LinkedHashMap<>();
        if (active == null || active.isBlank()) {
            generateOnce();
            active = GENERATED;
            log.warn("No credential key is configured: tenants' credentials and the token signing keys are"
                    + " encrypted under a key generated into the database. Production should configure its own keys"
                    + " (tenantcore.credentials.keys.<id> or tenantcore.credentials.key-files.<id>,"
                    + " and tenantcore.credentials.active-key).");
        }
        jdbc.query("SELECT key_id, key_material FROM credential_keys", rs -> {
            ring.put(rs.getString("key_id"), key(rs.getBytes("key_material"), "stored key " + rs.getString("key_id")));
        });
        ring.putAll(configured);
        return new CredentialCipher(ring, active);
    }

    private static void checkId(String id) {
        if (!KEY_ID.matcher(id).matches()) {
            throw new IllegalStateException("credential key id '" + id + "' may hold only letters, digits, - and _");
        }
    }

    /** Two nodes starting at once both try; the first insert wins and both read the same key. */
    private void generateOnce() {
        byte[] material = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(material);
        jdbc.update(
                "INSERT INTO credential_keys (key_id, key_material) VALUES (?, ?) ON CONFLICT (key_id) DO NOTHING",
                GENERATED,
                material);
    }

    static byte[] decoded(String base64, String source) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not base64");
        }
    }

    static SecretKey key(byte[] material, String source) {
        if (material.length != KEY_BYTES) {
            throw new IllegalStateException(source + " must hold 32 bytes (AES-256)");
        }
        return new SecretKeySpec(material, "AES");
    }
}
