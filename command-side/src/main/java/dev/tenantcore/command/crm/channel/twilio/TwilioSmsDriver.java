package dev.tenantcore.command.crm.channel.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.api.crm.conversation.ChannelKind;
import dev.tenantcore.api.crm.conversation.MessageStatus;
import dev.tenantcore.command.crm.channel.ChannelCredentials;
import dev.tenantcore.command.crm.channel.ChannelDriver;
import dev.tenantcore.command.crm.channel.ChannelIdentity;
import dev.tenantcore.command.crm.channel.InboundDelivery;
import dev.tenantcore.command.crm.channel.MediaDownload;
import dev.tenantcore.command.crm.channel.OutboundMessage;
import dev.tenantcore.command.crm.channel.ProviderAnswers;
import dev.tenantcore.command.crm.channel.SentMessage;
import dev.tenantcore.command.crm.channel.WebhookRequest;
import dev.tenantcore.infra.http.OutboundHttp;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * SMS through Twilio's Messages API ({@code /2010-04-01/Accounts/{AccountSid}/…}, HTTP Basic {@code
 * AccountSid:AuthToken}, form-encoded). {@code accountId} is the Account SID; secrets: {@code
 * authToken}, which also signs every callback, and {@code sender}: the number to send from (E.164,
 * {@code From}) or a Messaging Service SID ({@code MG…}, {@code MessagingServiceSid}). The customer's
 * number (E.164) is the channel user id.
 *
 * <p>Inbound messages and status callbacks are form posts signed with {@code X-Twilio-Signature}:
 * base64 HMAC-SHA1 with the auth token over the full URL Twilio called followed by every POST
 * parameter sorted by name, name and value appended. That URL is the channel's public webhook URL
 * ({@link WebhookRequest#publicUrl()}): without {@code app.channels.public-url} nothing verifies.
 * Each send names that URL as its {@code StatusCallback}. The API takes no idempotency key: sending
 * once is the caller's part (a send is recorded before it is made).
 */
@Component
class TwilioSmsDriver implements ChannelDriver, DisposableBean {

    static final String AUTH_TOKEN = "authToken";
    static final String SENDER = "sender";
    static final String SIGNATURE = "x-twilio-signature";
    static final String BASE_URL = "app.channels.twilio.base-url";

    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    private static final Pattern SERVICE_SID = Pattern.compile("MG[0-9a-fA-F]{32}");
    private static final Pattern NUMBER = Pattern.compile("\\+[1-9][0-9]{5,14}");
    private static final int MAX_PARAMETERS = 200;

    private final OutboundHttp.Client http;
    private final Supplier<String> baseUrl;

    /** {@code app.channels.twilio.base-url} is read on every call, so tests can point it at a stub. */
    @Autowired
    TwilioSmsDriver(OutboundHttp http, Environment env) {
        this(http, () -> env.getProperty(BASE_URL, "https://api.twilio.com"));
    }

    TwilioSmsDriver(OutboundHttp http, Supplier<String> baseUrl) {
        this.http = http.client("tenantcore-channels", http.defaults());
        this.baseUrl = baseUrl;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.SMS;
    }

    @Override
    public Set<String> secretNames() {
        return Set.of(AUTH_TOKEN, SENDER);
    }

    @Override
    public boolean needsAccountId() {
        return true;
    }

    /** The account itself ({@code GET /2010-04-01/Accounts/{AccountSid}.json}); a closed or suspended one is refused. */
    @Override
    public ChannelIdentity validate(ChannelCredentials credentials) {
        String sid = accountSid(credentials);
        RestClient client = client(credentials);
        JsonNode account = ProviderAnswers.call(
                "Twilio",
                "read the account",
                () -> client.get()
                        .uri("/2010-04-01/Accounts/{AccountSid}.json", sid)
                        .retrieve()
                        .body(JsonNode.class),
                TwilioSmsDriver::reason);
        if (account == null || !sid.equals(account.path("sid").asText())) {
            throw ProviderAnswers.refused("Twilio answered without the account.");
        }
        String status = account.path("status").asText("");
        if (!"active".equals(status)) {
            throw ProviderAnswers.refused("The Twilio account is " + status + ".");
        }
        return new ChannelIdentity(sid, account.path("friendly_name").asText(""));
    }

    @Override
    public SentMessage send(ChannelCredentials credentials, OutboundMessage message) {
        if (message.template() != null) {
            throw ProviderAnswers.refused("SMS has no message templates.");
        }
        String sid = accountSid(credentials);
        String sender = secret(credentials, SENDER);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("To", message.to());
        if (SERVICE_SID.matcher(sender).matches()) {
            form.add("MessagingServiceSid", sender);
        } else if (NUMBER.matcher(sender).matches()) {
            form.add("From", sender);
        } else {
            throw ProviderAnswers.refused(
                    "The SMS channel's sender is neither a number in E.164 form nor a Messaging Service SID.");
        }
        if (message.text() != null) {
            form.add("Body", message.text());
        }
        if (message.mediaUrl() != null) {
            form.add("MediaUrl", message.mediaUrl());
        }
        if (message.statusCallback() != null) {
            form.add("StatusCallback", message.statusCallback());
        }
        RestClient client = client(credentials);
        JsonNode answer = ProviderAnswers.call(
                "Twilio",
                "send a message",
                () -> client.post()
                        .uri("/2010-04-01/Accounts/{AccountSid}/Messages.json", sid)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .body(form)
                        .retrieve()
                        .body(JsonNode.class),
                TwilioSmsDriver::reason);
        String id = answer == null ? null : answer.path("sid").asText(null);
        if (id == null || id.isBlank()) {
            throw ProviderAnswers.refused("Twilio answered without a message SID.");
        }
        return new SentMessage(id);
    }

    /** Twilio signs the URL it called, which only {@link #verify(ChannelCredentials, WebhookRequest)} knows. */
    @Override
    public InboundDelivery verify(ChannelCredentials credentials, Map<String, String> headers, String body) {
        throw ProviderAnswers.unverified();
    }

    @Override
    public InboundDelivery verify(ChannelCredentials credentials, WebhookRequest request) {
        String token = credentials.secret(AUTH_TOKEN);
        String signature = request.headers().get(SIGNATURE);
        if (token == null || signature == null || request.publicUrl() == null || credentials.accountId() == null) {
            throw ProviderAnswers.unverified();
        }
        List<String[]> parameters = form(request.body());
        if (!signed(token, request.publicUrl(), parameters, signature)) {
            throw ProviderAnswers.unverified();
        }
        Map<String, String> values = new HashMap<>();
        parameters.forEach(p -> values.putIfAbsent(p[0], p[1]));
        String messageSid = values.get("MessageSid");
        if (messageSid == null || messageSid.isBlank()) {
            throw ProviderAnswers.malformed("The callback has no MessageSid.");
        }
        String status = values.getOrDefault("MessageStatus", values.get("SmsStatus"));
        boolean inbound = status == null || "received".equals(status);
        String deliveryId = "sms:" + messageSid + ":" + (inbound ? "received" : status);
        // Signed with this channel's token, but of another account's: read nothing of it.
        if (!credentials.accountId().equals(values.get("AccountSid"))) {
            return new InboundDelivery(deliveryId, List.of(), List.of());
        }
        if (inbound) {
            return new InboundDelivery(deliveryId, message(messageSid, values), List.of());
        }
        MessageStatus mapped = status(status);
        String to = values.get("To");
        if (mapped == null || to == null) {
            return new InboundDelivery(deliveryId, List.of(), List.of());
        }
        String reason = null;
        if (mapped == MessageStatus.FAILED) {
            reason = (status + " " + values.getOrDefault("ErrorCode", "") + " "
                            + values.getOrDefault("ErrorMessage", ""))
                    .trim();
        }
        return new InboundDelivery(
                deliveryId,
                List.of(),
                List.of(new InboundDelivery.StatusUpdate(messageSid, to, mapped, reason, Instant.now())));
    }

    /** A customer's SMS or MMS: the text, and the first media kept as Twilio's URL. */
    private static List<InboundDelivery.Message> message(String messageSid, Map<String, String> values) {
        String from = values.get("From");
        if (from == null || from.isBlank()) {
            throw ProviderAnswers.malformed("The message has no From.");
        }
        String text = values.get("Body");
        String mediaType = null;
        String mediaRef = null;
        String media = values.get("MediaUrl0");
        if (media != null && !"0".equals(values.getOrDefault("NumMedia", "0"))) {
            String contentType = values.getOrDefault("MediaContentType0", "");
            mediaType = contentType.startsWith("image/")
                    ? "image"
                    : contentType.startsWith("video/")
                            ? "video"
                            : contentType.startsWith("audio/") ? "audio" : "document";
            mediaRef = media;
        }
        if ((text == null || text.isEmpty()) && mediaRef == null) {
            text = "[empty]";
        }
        // Twilio's callbacks carry no time of sending: the time it reached us stands for it.
        return List.of(new InboundDelivery.Message(
                messageSid,
                from,
                null,
                text == null || text.isEmpty() ? null : text,
                mediaType,
                mediaRef,
                Instant.now()));
    }

    /** Twilio's statuses in ours; the ones before it was sent ({@code accepted}, {@code scheduled}) change nothing. */
    static MessageStatus status(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "queued", "sending", "sent" -> MessageStatus.SENT;
            case "delivered" -> MessageStatus.DELIVERED;
            case "read" -> MessageStatus.READ;
            case "undelivered", "failed", "canceled" -> MessageStatus.FAILED;
            default -> null;
        };
    }

    /**
     * The form's parameters as sent, decoded. Text that is not a form cannot have been signed by
     * Twilio, so it is refused as unverified rather than read.
     */
    private static List<String[]> form(String body) {
        List<String[]> parameters = new ArrayList<>();
        if (body.isEmpty()) {
            return parameters;
        }
        String[] pairs = body.split("&", -1);
        if (pairs.length > MAX_PARAMETERS) {
            throw ProviderAnswers.unverified();
        }
        try {
            for (String pair : pairs) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                parameters.add(new String[] {
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8)
                });
            }
        } catch (IllegalArgumentException e) {
            throw ProviderAnswers.unverified();
        }
        return parameters;
    }

    /** The documented algorithm; the base64 signatures compared in constant time. */
    static boolean signed(String token, String url, List<String[]> parameters, String signature) {
        StringBuilder data = new StringBuilder(url);
        parameters.stream()
                .sorted(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]))
                .forEach(p -> data.append(p[0]).append(p[1]));
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            expected = mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is always available", e);
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, given);
    }

    private static String reason(JsonNode error) {
        if (!error.has("code") && !error.has("message")) {
            return null;
        }
        return (error.path("code").asText("") + " " + error.path("message").asText("")).trim();
    }

    /** The inbound {@code MediaUrl} itself, with the account's Basic auth (Twilio's media auth). */
    @Override
    public MediaDownload media(ChannelCredentials credentials, String mediaRef) {
        java.net.URI uri;
        try {
            uri = java.net.URI.create(mediaRef);
        } catch (IllegalArgumentException e) {
            throw ProviderAnswers.refused("The Twilio media URL is not a URL.");
        }
        String sid = accountSid(credentials);
        String token = secret(credentials, AUTH_TOKEN);
        String basic = Base64.getEncoder().encodeToString((sid + ":" + token).getBytes(StandardCharsets.UTF_8));
        return new MediaDownload(uri, Map.of(HttpHeaders.AUTHORIZATION, "Basic " + basic));
    }

    private RestClient client(ChannelCredentials credentials) {
        String sid = accountSid(credentials);
        String token = secret(credentials, AUTH_TOKEN);
        String basic = Base64.getEncoder().encodeToString((sid + ":" + token).getBytes(StandardCharsets.UTF_8));
        return http.restClient()
                .baseUrl(baseUrl.get())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Basic " + basic)
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .build();
    }

    private static String accountSid(ChannelCredentials credentials) {
        String sid = credentials.accountId();
        if (sid == null || !ACCOUNT_SID.matcher(sid).matches()) {
            throw ProviderAnswers.refused("The SMS channel's account id is not a Twilio Account SID (AC…).");
        }
        return sid;
    }

    private static String secret(ChannelCredentials credentials, String name) {
        String value = credentials.secret(name);
        if (value == null) {
            throw ProviderAnswers.refused("The SMS channel has no " + name + ".");
        }
        return value;
    }

    @Override
    public void destroy() throws IOException {
        http.close();
    }
}
