package dev.tenantcore.infra.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures, the one helper every signed webhook uses (Stripe, BTCPay, and our own
 * outbound webhooks next): signing, verifying in constant time, and the timestamp window that
 * keeps a captured delivery from being replayed later.
 */
public final class HmacSha256 {

    private HmacSha256() {}

    public static byte[] sign(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    public static byte[] sign(String key, String data) {
        return sign(key.getBytes(StandardCharsets.UTF_8), data);
    }

    /** Lower-case hex, as Stripe ({@code v1=}) and BTCPay ({@code sha256=}) send it. */
    public static String signHex(String key, String data) {
        return HexFormat.of().formatHex(sign(key, data));
    }

    /** Whether {@code signature} is {@code data}'s HMAC under {@code key}, compared in constant time. */
    public static boolean verify(byte[] key, String data, byte[] signature) {
        return signature != null && MessageDigest.isEqual(sign(key, data), signature);
    }

    /** {@link #verify} for a hex signature; text that is not hex never verifies. */
    public static boolean verifyHex(String key, String data, String hexSignature) {
        if (key == null || hexSignature == null) {
            return false;
        }
        byte[] signature;
        try {
            signature = HexFormat.of().parseHex(hexSignature.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return verify(key.getBytes(StandardCharsets.UTF_8), data, signature);
    }

    /**
     * Whether a delivery signed at {@code signedAt} may still be accepted at {@code now}: no older
     * than {@code maxAge}, and no further ahead than {@code maxSkew} (clocks differ a little; a
     * delivery from the far future is a forgery or a replay waiting to happen).
     */
    public static boolean fresh(Instant signedAt, Instant now, Duration maxAge, Duration maxSkew) {
        return !signedAt.isBefore(now.minus(maxAge)) && !signedAt.isAfter(now.plus(maxSkew));
    }

    /** {@link #fresh(Instant, Instant, Duration, Duration)} with one tolerance both ways. */
    public static boolean fresh(Instant signedAt, Instant now, Duration tolerance) {
        return fresh(signedAt, now, tolerance, tolerance);
    }
}
