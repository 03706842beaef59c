package dev.tenantcore.infra.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The shape of API key secrets: {@code tck_<12 hex of the key id>_<32 random bytes, base64url>}.
 * The {@code tck_} marker lets the edge tell a key from a JWT without trying to parse it, and lets
 * secret scanners recognise a leaked key; the short id is the prefix that lists show. Only a
 * SHA-256 of the whole secret is ever stored: 256 random bits need no slow password hash.
 */
public final class ApiKeySecrets {

    public static final String MARKER = "tck_";
    private static final Pattern SHAPE = Pattern.compile("^tck_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {}

    /** A new secret; {@code secret} goes to the caller once, {@code hash} and {@code prefix} are kept. */
    public record Issued(String secret, String prefix, String hash) {}

    public static Issued issue(UUID keyId) {
        String prefix = MARKER + keyId.toString().replace("-", "").substring(0, 12);
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return new Issued(secret, prefix, hash(secret));
    }

    /** Whether a presented credential claims to be an API key (and not a JWT). */
    public static boolean looksLikeApiKey(String credential) {
        return credential != null && credential.startsWith(MARKER);
    }

    /** The prefix of a well-formed secret; empty for anything else, which no stored key can match. */
    public static Optional<String> prefixOf(String secret) {
        return secret != null && SHAPE.matcher(secret).matches()
                ? Optional.of(secret.substring(0, MARKER.length() + 12))
                : Optional.empty();
    }

    /** Stored like every other opaque token: its lower-case hex SHA-256. */
    public static String hash(String secret) {
        return OpaqueTokens.sha256(secret);
    }
}
