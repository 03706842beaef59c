package dev.tenantcore.command.crm.channel.messenger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.crm.conversation.MessageStatus;
import dev.tenantcore.command.crm.channel.ChannelCredentials;
import dev.tenantcore.command.crm.channel.ChannelDriver;
import dev.tenantcore.command.crm.channel.ChannelUnavailableException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Meta's Messenger Platform, which Messenger and Instagram messaging share: the Graph Send API with
 * the Facebook page's access token ({@code Authorization: Bearer}), and webhooks of {@code
 * entry[].messaging[]} items signed with the app's secret ({@link MetaWebhooks}). Secrets: {@code
 * pageAccessToken}, {@code appSecret} and {@code verifyToken} (chosen by the tenant, typed into
 * Meta's webhook settings). {@code accountId} is the id the webhook's entries carry (the page's for
 * Messenger, the Instagram professional account's for Instagram): entries of other accounts of the
 * same app are not read, so an app shared by several tenants cannot reach across them. The sender's
 * page- or Instagram-scoped id (PSID/IGSID) is the channel user id.
 *
 * <p>Every send is a {@code RESPONSE} within the 24-hour standard messaging window (the {@code
 * Conversation} refuses replies outside it); message tags, which allow some sends after it, are not
 * supported. The Send API takes no idempotency key: sending once is the caller's part.
 */
public abstract class SendApiDriver implements ChannelDriver, DisposableBean {

    public static final String PAGE_ACCESS_TOKEN = "pageAccessToken";
    public static final String APP_SECRET = "appSecret";
    public static final String VERIFY_TOKEN = "verifyToken";

    private final String provider;
    private final String webhookObject;
    private final OutboundHttp.Client http;
    private final ObjectMapper json;
    private final Supplier<String> baseUrl;
    protected final String version;

    /**
     * @param provider the service's name in messages ("Messenger", "Instagram")
     * @param webhookObject the {@code object} of this service's deliveries ({@code page}, {@code instagram})
     */
    protected SendApiDriver(
            String provider,
            String webhookObject,
            OutboundHttp http,
            ObjectMapper json,
            Supplier<String> baseUrl,
            String version) {
        this.provider = provider;
        this.webhookObject = webhookObject;
        this.http = http.client("tenantcore-channels", http.defaults());
        this.json = json;
        this.baseUrl = baseUrl;
        this.version = version;
    }

    @Override
    public Set<String> secretNames() {
        return Set.of(PAGE_ACCESS_TOKEN, APP_SECRET, VERIFY_TOKEN);
    }

    @Override
    public boolean needsAccountId() {
        return true;
    }

    /** The Send API's path for this channel, relative to the base URL. */
    protected abstract String messagesPath(ChannelCredentials credentials);

    /**
     * Text; or an image attachment by URL. A Send API attachment takes no caption: with text too, the
     * text goes first, then the image, and the image's message id names the message. Once the text
     * went, a failure of the image is never retried (it would send the text twice).
     */
    @Override
    public SentMessage send(ChannelCredentials credentials, OutboundMessage message) {
        if (message.template() != null) {
            throw ProviderAnswers.refused(provider + " has no message templates.");
        }
        if (message.mediaUrl() == null) {
            return new SentMessage(post(credentials, message.to(), Map.of("text", message.text())));
        }
        boolean textSent = false;
        if (message.text() != null) {
            post(credentials, message.to(), Map.of("text", message.text()));
            textSent = true;
        }
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("type", "image");
        attachment.put("payload", Map.of("url", message.mediaUrl()));
        try {
            return new SentMessage(post(credentials, message.to(), Map.of("attachment", attachment)));
        } catch (ChannelUnavailableException e) {
            throw textSent ? new ChannelUnavailableException(e.getMessage() + " (after the text was sent)", true) : e;
        } catch (DomainException e) {
            throw textSent ? ProviderAnswers.refused(e.getMessage() + " (the text was sent)") : e;
        }
    }

    /** One Send API call; the answer's {@code message_id}. */
    private String post(ChannelCredentials credentials, String recipient, Map<String, Object> content) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recipient", Map.of("id", recipient));
        body.put("messaging_type", "RESPONSE");
        body.put("message", content);
        RestClient client = client(credentials);
        JsonNode answer = ProviderAnswers.call(
                provider,
                "send a message",
                () -> client.post()
                        .uri(messagesPath(credentials))
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(body)
                        .retrieve()
                        .body(JsonNode.class),
                SendApiDriver::reason);
        String id = answer == null ? null : answer.path("message_id").asText(null);
        if (id == null || id.isBlank()) {
            throw ProviderAnswers.refused(provider + " answered without a message id.");
        }
        return id;
    }

    /** A Graph API {@code GET} with the page's token, relative to the base URL. */
    protected JsonNode get(ChannelCredentials credentials, String action, String uri, Object... variables) {
        RestClient client = client(credentials);
        JsonNode answer = ProviderAnswers.call(
                provider,
                action,
                () -> client.get().uri(uri, variables).retrieve().body(JsonNode.class),
                SendApiDriver::reason);
        if (answer == null) {
            throw ProviderAnswers.refused(provider + " answered with nothing.");
        }
        return answer;
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
        List<InboundDelivery.ReadWatermark> watermarks = new ArrayList<>();
        if (webhookObject.equals(delivery.path("object").asText())) {
            for (JsonNode entry : delivery.path("entry")) {
                if (!credentials.accountId().equals(entry.path("id").asText(null))) {
                    continue;
                }
                for (JsonNode item : entry.path("messaging")) {
                    read(item, messages, statuses, watermarks);
                }
            }
        }
        return new InboundDelivery(MetaWebhooks.deliveryId(body), messages, statuses, watermarks);
    }

    /** The attachment's {@code payload.url}: Meta's CDN serves it without the page token. */
    @Override
    public MediaDownload media(ChannelCredentials credentials, String mediaRef) {
        try {
            return new MediaDownload(java.net.URI.create(mediaRef), Map.of());
        } catch (IllegalArgumentException e) {
            throw ProviderAnswers.refused("The attachment URL is not a URL.");
        }
    }

    /**
     * One {@code messaging[]} item: a customer's message (each attachment its own message, kept as
     * the provider's URL), or a delivery or read receipt of ours. Echoes of our own sends are not read.
     * Messenger's read receipt names only a watermark time, no message: everything we sent before it
     * is read ({@link InboundDelivery.ReadWatermark}); Instagram's names the message.
     */
    private static void read(
            JsonNode item,
            List<InboundDelivery.Message> messages,
            List<InboundDelivery.StatusUpdate> statuses,
            List<InboundDelivery.ReadWatermark> watermarks) {
        String sender = item.path("sender").path("id").asText(null);
        if (sender == null || sender.isBlank()) {
            return;
        }
        Instant at = Instant.ofEpochMilli(item.path("timestamp").asLong(0));
        JsonNode message = item.path("message");
        if (message.isObject()) {
            String mid = message.path("mid").asText(null);
            if (mid == null || message.path("is_echo").asBoolean(false)) {
                return;
            }
            String text = message.path("text").asText(null);
            JsonNode attachments = message.path("attachments");
            if (!attachments.isArray() || attachments.isEmpty()) {
                if (text == null) {
                    text = message.path("is_deleted").asBoolean(false) ? "[deleted]" : "[unsupported]";
                }
                messages.add(new InboundDelivery.Message(mid, sender, null, text, null, null, at));
                return;
            }
            int index = 0;
            for (JsonNode attachment : attachments) {
                String type = attachment.path("type").asText("unsupported");
                String url = attachment.path("payload").path("url").asText(null);
                String caption = index == 0 ? text : null;
                String id = index == 0 ? mid : mid + "#" + index;
                if (url == null) {
                    messages.add(new InboundDelivery.Message(
                            id, sender, null, caption == null ? "[" + type + "]" : caption, null, null, at));
                } else {
                    messages.add(new InboundDelivery.Message(id, sender, null, caption, type, url, at));
                }
                index++;
            }
            return;
        }
        for (JsonNode mid : item.path("delivery").path("mids")) {
            statuses.add(new InboundDelivery.StatusUpdate(mid.asText(), sender, MessageStatus.DELIVERED, null, at));
        }
        String read = item.path("read").path("mid").asText(null);
        long watermark = item.path("read").path("watermark").asLong(0);
        if (read == null && watermark > 0) {
            watermarks.add(new InboundDelivery.ReadWatermark(sender, Instant.ofEpochMilli(watermark)));
        }
        if (read != null) {
            statuses.add(new InboundDelivery.StatusUpdate(read, sender, MessageStatus.READ, null, at));
        }
    }

    private static String reason(JsonNode error) {
        JsonNode e = error.path("error");
        return e.isMissingNode()
                ? null
                : (e.path("code").asText("") + " " + e.path("message").asText("")).trim();
    }

    private RestClient client(ChannelCredentials credentials) {
        String token = credentials.secret(PAGE_ACCESS_TOKEN);
        if (token == null) {
            throw ProviderAnswers.refused("The " + provider + " channel has no pageAccessToken.");
        }
        return http.restClient()
                .baseUrl(baseUrl.get())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .build();
    }

    /** The channel's account id, which every call needs. */
    protected String accountId(ChannelCredentials credentials) {
        if (credentials.accountId() == null || credentials.accountId().isBlank()) {
            throw ProviderAnswers.refused("The " + provider + " channel has no account id.");
        }
        return credentials.accountId();
    }

    @Override
    public void destroy() throws IOException {
        http.close();
    }
}
