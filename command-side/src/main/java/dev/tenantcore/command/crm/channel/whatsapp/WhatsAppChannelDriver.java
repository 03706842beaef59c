package dev.tenantcore.command.crm.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.crm.conversation.ChannelKind;
import dev.tenantcore.api.crm.conversation.MessageStatus;
import dev.tenantcore.api.crm.conversation.MessageTemplate;
import dev.tenantcore.command.crm.channel.ChannelCredentials;
import dev.tenantcore.command.crm.channel.ChannelDriver;
import dev.tenantcore.command.crm.channel.ChannelIdentity;
import dev.tenantcore.command.crm.channel.InboundDelivery;
import dev.tenantcore.command.crm.channel.MediaDownload;
import dev.tenantcore.command.crm.channel.MetaWebhooks;
import dev.tenantcore.command.crm.channel.OutboundMessage;
import dev.tenantcore.command.crm.channel.ProviderAnswers;
import dev.tenantcore.command.crm.channel.SentMessage;
import dev.tenantcore.infra.http.OutboundHttp;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * WhatsApp Cloud API (Meta Graph API). {@code accountId} is the business phone number's id; secrets:
 * {@code accessToken} (a system user's token, {@code Authorization: Bearer}), {@code appSecret} (the
 * Meta app's secret, which signs deliveries: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of
 * the raw body>}) and {@code verifyToken} (chosen by the tenant and typed into Meta's webhook
 * settings; Meta's subscription {@code GET} must repeat it). The customer's number ({@code wa_id}) is
 * the channel user id. A delivery may hold changes of other numbers of the same app: only those of
 * this channel's number are read, so an app shared by several tenants cannot reach across them.
 */
@Component
class WhatsAppChannelDriver implements ChannelDriver, DisposableBean {

    static final String ACCESS_TOKEN = "accessToken";
    static final String APP_SECRET = "appSecret";
    static final String VERIFY_TOKEN = "verifyToken";
    static final String SIGNATURE = MetaWebhooks.SIGNATURE;

    private final OutboundHttp.Client http;
    private final ObjectMapper json;
    static final String BASE_URL = "app.channels.whatsapp.base-url";

    private final Supplier<String> baseUrl;
    private final String version;

    /**
     * {@code app.channels.whatsapp.base-url} is read on every call, so tests can point it at a stub;
     * {@code app.channels.whatsapp.graph-version} is the Graph API version of every call.
     */
    @Autowired
    WhatsAppChannelDriver(OutboundHttp http, ObjectMapper json, Environment env) {
        this(
                http,
                json,
                () -> env.getProperty(BASE_URL, "https://graph.facebook.com"),
                env.getProperty("app.channels.whatsapp.graph-version", "v21.0"));
    }

    WhatsAppChannelDriver(OutboundHttp http, ObjectMapper json, Supplier<String> baseUrl, String version) {
        this.http = http.client("tenantcore-channels", http.defaults());
        this.json = json;
        this.baseUrl = baseUrl;
        this.version = version;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.WHATSAPP;
    }

    @Override
    public Set<String> secretNames() {
        return Set.of(ACCESS_TOKEN, APP_SECRET, VERIFY_TOKEN);
    }

    @Override
    public boolean needsAccountId() {
        return true;
    }

    @Override
    public ChannelIdentity validate(ChannelCredentials credentials) {
        RestClient client = client(credentials);
        JsonNode number = ProviderAnswers.call(
                "WhatsApp",
                "read the phone number",
                () -> client.get()
                        .uri(
                                "/{version}/{phoneNumberId}?fields=display_phone_number,verified_name",
                                version,
                                phoneNumberId(credentials))
                        .retrieve()
                        .body(JsonNode.class),
                WhatsAppChannelDriver::reason);
        if (number == null) {
            throw ProviderAnswers.refused("WhatsApp answered without the phone number.");
        }
        return new ChannelIdentity(
                number.path("id").asText(),
                number.path("verified_name").asText("") + " "
                        + number.path("display_phone_number").asText(""));
    }

    /**
     * Graph's messages endpoint. Text; an image by link with the text as caption; or an approved
     * template with its body parameters. The Cloud API takes no idempotency key: sending once is the
     * caller's part.
     */
    @Override
    public SentMessage send(ChannelCredentials credentials, OutboundMessage message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", message.to());
        if (message.template() != null) {
            body.put("type", "template");
            body.put("template", template(message.template()));
        } else if (message.mediaUrl() != null) {
            Map<String, Object> image = new LinkedHashMap<>();
            image.put("link", message.mediaUrl());
            if (message.text() != null) {
                image.put("caption", message.text());
            }
            body.put("type", "image");
            body.put("image", image);
        } else {
            body.put("type", "text");
            body.put("text", Map.of("body", message.text()));
        }
        RestClient client = client(credentials);
        JsonNode answer = ProviderAnswers.call(
                "WhatsApp",
                "send a message",
                () -> client.post()
                        .uri("/{version}/{phoneNumberId}/messages", version, phoneNumberId(credentials))
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(body)
                        .retrieve()
                        .body(JsonNode.class),
                WhatsAppChannelDriver::reason);
        String id = answer == null
                ? null
                : answer.path("messages").path(0).path("id").asText(null);
        if (id == null || id.isBlank()) {
            throw ProviderAnswers.refused("WhatsApp answered without a message id.");
        }
        return new SentMessage(id);
    }

    private static Map<String, Object> template(MessageTemplate template) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", template.name());
        value.put("language", Map.of("code", template.language()));
        if (template.parameters() != null && !template.parameters().isEmpty()) {
            List<Map<String, Object>> parameters = template.parameters().stream()
                    .map(p -> Map.<String, Object>of("type", "text", "text", p))
                    .toList();
            value.put("components", List.of(Map.of("type", "body", "parameters", parameters)));
        }
        return value;
    }

    @Override
    public Optional<String> challenge(ChannelCredentials credentials, Map<String, String> parameters) {
        return MetaWebhooks.challenge(credentials.secret(VERIFY_TOKEN), parameters);
    }

    @Override
    public InboundDelivery verify(ChannelCredentials credentials, Map<String, String> headers, String body) {
        JsonNode delivery = MetaWebhooks.read(json, credentials.secret(APP_SECRET), credentials, headers, body);
        List<InboundDelivery.Message> messages = new ArrayList<>();
        List<InboundDelivery.StatusUpdate> statuses = new ArrayList<>();
        for (JsonNode entry : delivery.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                if (!credentials
                        .accountId()
                        .equals(value.path("metadata").path("phone_number_id").asText(null))) {
                    continue;
                }
                read(value, messages, statuses);
            }
        }
        return new InboundDelivery(MetaWebhooks.deliveryId(body), messages, statuses);
    }

    private static void read(
            JsonNode value, List<InboundDelivery.Message> messages, List<InboundDelivery.StatusUpdate> statuses) {
        Map<String, String> names = new HashMap<>();
        for (JsonNode contact : value.path("contacts")) {
            names.put(
                    contact.path("wa_id").asText(),
                    contact.path("profile").path("name").asText(null));
        }
        for (JsonNode message : value.path("messages")) {
            String id = message.path("id").asText(null);
            String from = message.path("from").asText(null);
            if (id == null || from == null) {
                continue;
            }
            String type = message.path("type").asText("");
            String text = null;
            String mediaType = null;
            String mediaRef = null;
            if ("text".equals(type)) {
                text = message.path("text").path("body").asText(null);
            } else if (message.path(type).isObject() && message.path(type).has("id")) {
                // image, audio, video, document, sticker: the media is fetched later by its id.
                mediaType = type;
                mediaRef = message.path(type).path("id").asText();
                text = message.path(type).path("caption").asText(null);
            } else {
                text = "[" + (type.isEmpty() ? "unsupported" : type) + "]";
            }
            messages.add(new InboundDelivery.Message(
                    id, from, names.get(from), text, mediaType, mediaRef, seconds(message.path("timestamp"))));
        }
        for (JsonNode status : value.path("statuses")) {
            MessageStatus mapped = status(status.path("status").asText(""));
            String id = status.path("id").asText(null);
            if (mapped == null || id == null) {
                continue;
            }
            JsonNode error = status.path("errors").path(0);
            String reason = error.isMissingNode()
                    ? null
                    : (error.path("code").asText("") + " " + error.path("title").asText("")).trim();
            statuses.add(new InboundDelivery.StatusUpdate(
                    id, status.path("recipient_id").asText(null), mapped, reason, seconds(status.path("timestamp"))));
        }
    }

    /** WhatsApp's statuses in ours; others (e.g. {@code deleted}) are not tracked. */
    static MessageStatus status(String status) {
        return switch (status) {
            case "sent" -> MessageStatus.SENT;
            case "delivered" -> MessageStatus.DELIVERED;
            case "read" -> MessageStatus.READ;
            case "failed" -> MessageStatus.FAILED;
            default -> null;
        };
    }

    private static Instant seconds(JsonNode timestamp) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(timestamp.asText("0")));
        } catch (NumberFormatException e) {
            return Instant.EPOCH;
        }
    }

    private static String reason(JsonNode error) {
        JsonNode e = error.path("error");
        return e.isMissingNode()
                ? null
                : (e.path("code").asText("") + " " + e.path("message").asText("")).trim();
    }

    /**
     * Graph's {@code GET /{media-id}} answers a short-lived {@code url}, which is downloaded with the
     * same token. The id is checked to be digits: nothing else may reach the path.
     */
    @Override
    public MediaDownload media(ChannelCredentials credentials, String mediaRef) {
        if (mediaRef == null || !mediaRef.matches("[0-9]{1,40}")) {
            throw ProviderAnswers.refused("WhatsApp media ids are digits.");
        }
        RestClient client = client(credentials);
        JsonNode media = ProviderAnswers.call(
                "WhatsApp",
                "find the media",
                () -> client.get()
                        .uri("/{version}/{mediaId}", version, mediaRef)
                        .retrieve()
                        .body(JsonNode.class),
                WhatsAppChannelDriver::reason);
        String url = media == null ? null : media.path("url").asText(null);
        if (url == null) {
            throw ProviderAnswers.refused("WhatsApp answered without the media's url.");
        }
        return new MediaDownload(
                java.net.URI.create(url),
                Map.of(HttpHeaders.AUTHORIZATION, "Bearer " + credentials.secret(ACCESS_TOKEN)));
    }

    private RestClient client(ChannelCredentials credentials) {
        String token = credentials.secret(ACCESS_TOKEN);
        if (token == null) {
            throw ProviderAnswers.refused("The WhatsApp channel has no accessToken.");
        }
        return http.restClient()
                .baseUrl(baseUrl.get())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .build();
    }

    private static String phoneNumberId(ChannelCredentials credentials) {
        if (credentials.accountId() == null || credentials.accountId().isBlank()) {
            throw ProviderAnswers.refused("The WhatsApp channel has no phone-number id.");
        }
        return credentials.accountId();
    }

    @Override
    public void destroy() throws IOException {
        http.close();
    }
}
