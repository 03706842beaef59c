package dev.tenantcore.command.crm.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.infra.webhooks.HmacSha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * What Meta's webhooks (WhatsApp Cloud API, Messenger, Instagram) share: every delivery is signed
 * with the app's secret ({@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>}),
 * and a subscription is confirmed by a {@code GET} that must repeat the channel's verify token.
 */
public final class MetaWebhooks {

    /** The signature header, lower-cased as the inbox keeps header names. */
    public static final String SIGNATURE = "x-hub-signature-256";

    private MetaWebhooks() {}

    /**
     * Checks the signature on the raw body, in constant time, before anything reads the body.
     *
     * @throws dev.tenantcore.api.common.DomainException {@code invalid_signature} when there is no
     *     secret or no signature, or it does not verify
     */
    public static void verifySignature(String appSecret, Map<String, String> headers, String body) {
        String signature = headers.get(SIGNATURE);
        if (appSecret == null
                || signature == null
                || !signature.startsWith("sha256=")
                || !HmacSha256.verifyHex(appSecret, body, signature.substring("sha256=".length()))) {
            throw ProviderAnswers.unverified();
        }
    }

    /**
     * What every Meta delivery goes through before a driver reads its items: the signature checked
     * on the raw body ({@link #verifySignature}), a channel that knows its account id (without one no
     * entry could be told apart as its own), and the body read as JSON with an {@code entry} array.
     *
     * @throws dev.tenantcore.api.common.DomainException {@code invalid_signature} when the delivery does
     *     not verify or the channel has no account id, {@code malformed_request} when it verifies but is
     *     not JSON with entries
     */
    public static JsonNode read(
            ObjectMapper json,
            String appSecret,
            ChannelCredentials credentials,
            Map<String, String> headers,
            String body) {
        verifySignature(appSecret, headers, body);
        if (credentials.accountId() == null) {
            throw ProviderAnswers.unverified();
        }
        JsonNode delivery;
        try {
            delivery = json.readTree(body);
        } catch (IOException e) {
            throw ProviderAnswers.malformed("The delivery is not JSON.");
        }
        if (delivery == null || !delivery.path("entry").isArray()) {
            throw ProviderAnswers.malformed("The delivery has no entries.");
        }
        return delivery;
    }

    /**
     * Meta's subscription handshake: {@code hub.challenge} to echo when {@code hub.mode} is {@code
     * subscribe} and {@code hub.verify_token} is the channel's (compared in constant time); else empty.
     */
    public static Optional<String> challenge(String verifyToken, Map<String, String> parameters) {
        String given = parameters.get("hub.verify_token");
        String challenge = parameters.get("hub.challenge");
        if (verifyToken == null
                || given == null
                || challenge == null
                || !"subscribe".equals(parameters.get("hub.mode"))
                || !MessageDigest.isEqual(
                        verifyToken.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(challenge);
    }

    /** Meta redelivers the same body: its digest names the delivery across retries. */
    public static String deliveryId(String body) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(
                                    MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }
}
