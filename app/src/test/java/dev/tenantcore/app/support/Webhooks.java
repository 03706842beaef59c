package dev.tenantcore.app.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Delivers provider webhooks to the API as each provider sends them: Stripe's and BTCPay's signed
 * with the tenant's secret, PayPal's with the transmission headers its verify call checks. The
 * signatures are computed here independently of the application's own signature helper, so a
 * mistake in one cannot hide a mistake in the other.
 */
public final class Webhooks {

    private final Api api;

    public Webhooks(Api api) {
        this.api = api;
    }

    /** A delivery with exactly these headers (and a JSON content type). */
    public Api.Response deliver(String path, String payload, Map<String, String> headers) {
        Api.Call call = api.post(path).header("Content-Type", "application/json");
        headers.forEach(call::header);
        return call.raw(payload).send();
    }

    public Api.Response stripe(String path, String payload, String signatureHeader) {
        return deliver(path, payload, Map.of("Stripe-Signature", signatureHeader));
    }

    public Api.Response btcPay(String path, String payload, String signatureHeader) {
        return deliver(path, payload, Map.of("BTCPay-Sig", signatureHeader));
    }

    public Api.Response payPal(String path, String payload, Map<String, String> headers) {
        return deliver(path, payload, headers);
    }

    /** {@code Stripe-Signature} as Stripe computes it: HMAC-SHA256 over {@code timestamp.payload}. */
    public static String stripeSignature(String secret, long timestamp, String payload) {
        return "t=" + timestamp + ",v1=" + hmacHex(secret, timestamp + "." + payload);
    }

    /** {@code Stripe-Signature} signed now. */
    public static String stripeSignature(String secret, String payload) {
        return stripeSignature(secret, Instant.now().getEpochSecond(), payload);
    }

    /** {@code BTCPay-Sig}: {@code sha256=} and the HMAC-SHA256 of the body. */
    public static String btcPaySignature(String secret, String payload) {
        return "sha256=" + hmacHex(secret, payload);
    }

    /** PayPal's transmission headers; the stub's verify call accepts {@code sig-<webhookId>}. */
    public static Map<String, String> payPalHeaders(String webhookId, Instant sent) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("PAYPAL-TRANSMISSION-ID", UUID.randomUUID().toString());
        headers.put("PAYPAL-TRANSMISSION-TIME", sent.toString());
        headers.put("PAYPAL-TRANSMISSION-SIG", "sig-" + webhookId);
        headers.put("PAYPAL-CERT-URL", "https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77");
        headers.put("PAYPAL-AUTH-ALGO", "SHA256withRSA");
        return headers;
    }

    private static String hmacHex(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
