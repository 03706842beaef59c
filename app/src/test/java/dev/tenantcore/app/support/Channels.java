package dev.tenantcore.app.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the conversation tests share: a shop's channel connected over the API, a delivery signed as
 * each provider documents it (computed here, never with the application's code), and the
 * conversation and its messages read back once the projection has them.
 */
public final class Channels {

    /** The public URL the tests configure ({@code app.channels.public-url}); Twilio signs it. */
    public static final String PUBLIC_URL = "https://api.tenantcore.test";

    private final Api api;

    public Channels(Api api) {
        this.api = api;
    }

    /** A connected channel: its id and the path of its webhook. */
    public record Channel(String id, String path) {}

    /** Connects a channel for {@code in} with {@code request}; its answer names no secret. */
    public Channel connect(Platform.Shop in, String token, Map<String, Object> request, String... secrets) {
        Api.Response created =
                api.post("/api/v1/channels").in(in, token).json(request).send();
        created.assertStatus(201);
        for (String secret : secrets) {
            assertThat(created.body()).doesNotContain(secret);
        }
        return new Channel(
                created.json().get("id").asText(),
                created.json().get("webhook").get("path").asText());
    }

    /** Meta's {@code X-Hub-Signature-256}: {@code sha256=} and the hex HMAC-SHA256 of the raw body. */
    public static String hubSignature(String secret, String body) {
        return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", secret, body));
    }

    /** Twilio's documented algorithm: URL, then each POST parameter sorted by name, name+value; HMAC-SHA1; base64. */
    public static String twilioSignature(String token, String url, Map<String, String> parameters) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(parameters).forEach((name, value) -> data.append(name).append(value));
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", token, data.toString()));
    }

    /** A Meta delivery (WhatsApp, Messenger, Instagram) signed with {@code secret}. */
    public Api.Response deliverMeta(Channel channel, String body, String secret) {
        return api.post(channel.path())
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", hubSignature(secret, body))
                .raw(body)
                .send();
    }

    /** A Telegram update with the channel's secret token. */
    public Api.Response deliverTelegram(Channel channel, String secretToken, String body) {
        return api.post(channel.path())
                .header("Content-Type", "application/json")
                .header("X-Telegram-Bot-Api-Secret-Token", secretToken)
                .raw(body)
                .send();
    }

    /** A Twilio callback, form-encoded and signed over {@link #PUBLIC_URL} and the channel's path. */
    public Api.Response deliverTwilio(Channel channel, Map<String, String> parameters, String token) {
        return api.post(channel.path())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", twilioSignature(token, PUBLIC_URL + channel.path(), parameters))
                .raw(form(parameters))
                .send();
    }

    public static String form(Map<String, String> parameters) {
        List<String> pairs = new ArrayList<>();
        parameters.forEach((name, value) -> pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return String.join("&", pairs);
    }

    /** The shop's conversations once there are {@code count}, newest activity first. */
    public JsonNode awaitConversations(Platform.Shop in, String token, int count, Duration within) {
        return await().atMost(within)
                .until(
                        () -> {
                            Api.Response list = api.get("/api/v1/conversations")
                                    .in(in, token)
                                    .send();
                            list.assertStatus(200);
                            return list.json().get("items");
                        },
                        items -> items.size() == count);
    }

    /** The conversation's messages, newest first. */
    public JsonNode messages(Platform.Shop in, String token, String conversation) {
        Api.Response page = api.get("/api/v1/conversations/" + conversation + "/messages")
                .in(in, token)
                .send();
        page.assertStatus(200);
        return page.json().get("items");
    }

    private static byte[] hmac(String algorithm, String secret, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
