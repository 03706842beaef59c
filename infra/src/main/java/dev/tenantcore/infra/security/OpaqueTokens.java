package dev.tenantcore.infra.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Single-purpose secrets handed to a client, such as refresh and password reset tokens:
 * {@code <owner id>.<256 random bits>}. The owner id lets the server find the one row or aggregate
 * the token belongs to without searching; only a SHA-256 of the whole token is ever stored.
 */
public final class OpaqueTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int UUID_LENGTH = 36;
    private static final int MAX_LENGTH = 200;

    private OpaqueTokens() {}

    public static String issue(UUID owner) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return owner + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The id a token names, or empty when the text cannot be one of our tokens. */
    public static Optional<UUID> ownerOf(String token) {
        if (token == null || token.length() > MAX_LENGTH || token.indexOf('.') != UUID_LENGTH) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(token.substring(0, UUID_LENGTH)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The lower-case hex SHA-256 under which a token is stored. */
    public static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
