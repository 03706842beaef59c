package dev.tenantcore.command.crm.channel.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.crm.conversation.ChannelKind;
import dev.tenantcore.command.crm.channel.ChannelCredentials;
import dev.tenantcore.command.crm.channel.ChannelDriver;
import dev.tenantcore.command.crm.channel.ChannelIdentity;
import dev.tenantcore.command.crm.channel.InboundDelivery;
import dev.tenantcore.command.crm.channel.MediaDownload;
import dev.tenantcore.command.crm.channel.OutboundMessage;
import dev.tenantcore.command.crm.channel.ProviderAnswers;
import dev.tenantcore.command.crm.channel.SentMessage;
import dev.tenantcore.infra.http.OutboundHttp;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Telegram Bot API ({@code https://api.telegram.org/bot<token>/<method>}, JSON bodies). Secrets:
 * {@code botToken} (from BotFather) and {@code webhookSecret}, which the service makes itself and
 * gives Telegram in {@code setWebhook}'s {@code secret_token}: Telegram then sends it back in {@code
 * X-Telegram-Bot-Api-Secret-Token} with every update, and an update without it is refused. A chat's
 * id is the channel user id. Bots get no delivery or read receipts, and the API takes no idempotency
 * key: sending once is the caller's part (a send is recorded before it is made).
 */
@Component
class TelegramChannelDriver implements ChannelDriver, DisposableBean {

    static final String BOT_TOKEN = "botToken";
    static final String WEBHOOK_SECRET = "webhookSecret";
    static final String HEADER = "x-telegram-bot-api-secret-token";
    static final String BASE_URL = "app.channels.telegram.base-url";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TOKEN = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{1,200}");

    private final OutboundHttp.Client http;
    private final ObjectMapper json;
    private final Supplier<String> baseUrl;

    /** {@code app.channels.telegram.base-url} is read on every call, so tests can point it at a stub. */
    @Autowired
    TelegramChannelDriver(OutboundHttp http, ObjectMapper json, Environment env) {
        this(http, json, () -> env.getProperty(BASE_URL, "https://api.telegram.org"));
    }

    TelegramChannelDriver(OutboundHttp http, ObjectMapper json, Supplier<String> baseUrl) {
        this.http = http.client("tenantcore-channels", http.defaults());
        this.json = json;
        this.baseUrl = baseUrl;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.TELEGRAM;
    }

    @Override
    public Set<String> secretNames() {
        return Set.of(BOT_TOKEN, WEBHOOK_SECRET);
    }

    /** 32 random bytes, in the letters {@code secret_token} allows (A-Z, a-z, 0-9, _ and -). */
    @Override
    public Map<String, String> generatedSecrets() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Map.of(WEBHOOK_SECRET, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    @Override
    public boolean needsAccountId() {
        return false;
    }

    @Override
    public ChannelIdentity validate(ChannelCredentials credentials) {
        JsonNode me = call(credentials, "getMe", "validate the bot token", Map.of());
        return new ChannelIdentity(
                me.path("id").asText(), "@" + me.path("username").asText());
    }

    /** Only messages are asked for: edits, channel posts and the rest are no conversation's concern. */
    @Override
    public void register(ChannelCredentials credentials, String webhookUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", webhookUrl);
        body.put("secret_token", secret(credentials, WEBHOOK_SECRET));
        body.put("allowed_updates", List.of("message"));
        call(credentials, "setWebhook", "set the webhook", body);
    }

    @Override
    public SentMessage send(ChannelCredentials credentials, OutboundMessage message) {
        if (message.template() != null) {
            throw ProviderAnswers.refused("Telegram has no message templates.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chat_id", message.to());
        JsonNode sent;
        if (message.mediaUrl() != null) {
            body.put("photo", message.mediaUrl());
            if (message.text() != null) {
                body.put("caption", message.text());
            }
            sent = call(credentials, "sendPhoto", "send a photo", body);
        } else {
            body.put("text", message.text());
            sent = call(credentials, "sendMessage", "send a message", body);
        }
        return new SentMessage(providerMessageId(sent.path("chat").path("id").asText(message.to()), sent));
    }

    @Override
    public InboundDelivery verify(ChannelCredentials credentials, Map<String, String> headers, String body) {
        String expected = credentials.secret(WEBHOOK_SECRET);
        String given = headers.get(HEADER);
        if (expected == null
                || given == null
                || !MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            throw ProviderAnswers.unverified();
        }
        JsonNode update;
        try {
            update = json.readTree(body);
        } catch (IOException e) {
            throw ProviderAnswers.malformed("The update is not JSON.");
        }
        if (update == null || !update.path("update_id").canConvertToLong()) {
            throw ProviderAnswers.malformed("The update has no update_id.");
        }
        List<InboundDelivery.Message> messages = new ArrayList<>();
        JsonNode message = update.path("message");
        if (message.isObject() && message.path("chat").path("id").canConvertToLong()) {
            messages.add(message(message));
        }
        return new InboundDelivery("update:" + update.path("update_id").asLong(), messages, List.of());
    }

    private static InboundDelivery.Message message(JsonNode message) {
        String chat = message.path("chat").path("id").asText();
        JsonNode from = message.path("from");
        String name = (from.path("first_name").asText("") + " "
                        + from.path("last_name").asText(""))
                .trim();
        if (name.isEmpty()) {
            name = from.path("username").asText(null);
        }
        String text = message.path("text").asText(null);
        String mediaType = null;
        String mediaRef = null;
        JsonNode photo = message.path("photo");
        if (photo.isArray() && !photo.isEmpty()) {
            // Telegram lists the sizes of one photo, smallest first.
            mediaType = "image";
            mediaRef = photo.get(photo.size() - 1).path("file_id").asText(null);
            text = message.path("caption").asText(null);
        } else if (message.path("document").isObject()) {
            mediaType = "document";
            mediaRef = message.path("document").path("file_id").asText(null);
            text = message.path("caption").asText(null);
        }
        return new InboundDelivery.Message(
                providerMessageId(chat, message),
                chat,
                name,
                text,
                mediaType,
                mediaRef,
                Instant.ofEpochSecond(message.path("date").asLong()));
    }

    /** Telegram numbers messages per chat: the chat's id makes the number unique in the bot. */
    private static String providerMessageId(String chat, JsonNode message) {
        return chat + ":" + message.path("message_id").asText();
    }

    /**
     * {@code getFile} answers the file's {@code file_path}, downloaded from {@code
     * /file/bot<token>/<file_path>} (the token in the path is the auth).
     */
    @Override
    public MediaDownload media(ChannelCredentials credentials, String mediaRef) {
        if (mediaRef == null || mediaRef.isBlank()) {
            throw ProviderAnswers.refused("The Telegram file has no id.");
        }
        JsonNode file = call(credentials, "getFile", "find the file", Map.of("file_id", mediaRef));
        String path = file.path("file_path").asText(null);
        if (path == null || path.contains("..") || !path.matches("[A-Za-z0-9_./-]{1,300}")) {
            throw ProviderAnswers.refused("Telegram answered without a usable file_path.");
        }
        return new MediaDownload(
                URI.create(baseUrl.get() + "/file/bot" + secret(credentials, BOT_TOKEN) + "/" + path), Map.of());
    }

    private JsonNode call(ChannelCredentials credentials, String method, String action, Map<String, ?> body) {
        String token = secret(credentials, BOT_TOKEN);
        // Telegram's tokens are <bot id>:<key>; the colon must reach Telegram as it is, and nothing
        // else may be smuggled into the path.
        if (!TOKEN.matcher(token).matches()) {
            throw ProviderAnswers.refused("The Telegram bot token is not of the form <bot id>:<key>.");
        }
        URI uri = URI.create(baseUrl.get() + "/bot" + token + "/" + method);
        RestClient client = http.restClient().build();
        JsonNode answer = ProviderAnswers.call(
                "Telegram",
                action,
                () -> client.post()
                        .uri(uri)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(body)
                        .retrieve()
                        .body(JsonNode.class),
                error -> error.path("description").asText(null));
        if (answer == null || !answer.path("ok").asBoolean(false)) {
            throw ProviderAnswers.refused("Telegram refused to " + action + ".");
        }
        return answer.path("result");
    }

    private static String secret(ChannelCredentials credentials, String name) {
        String value = credentials.secret(name);
        if (value == null) {
            throw ProviderAnswers.refused("The Telegram channel has no " + name + ".");
        }
        return value;
    }

    @Override
    public void destroy() throws IOException {
        http.close();
    }
}
