package dev.tenantcore.command.crm.channel;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.crm.conversation.ChannelId;
import dev.tenantcore.api.crm.conversation.ChannelKind;
import dev.tenantcore.command.common.Rules;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One messaging service (Telegram, WhatsApp, …) as conversations need it. Implementations talk to
 * the provider only, through {@link dev.tenantcore.infra.http.OutboundHttp}; what an answer means for
 * a conversation is decided by the {@code Conversation} aggregate. A driver is a Spring bean in its
 * own sub-package ({@code channel.telegram}, {@code channel.whatsapp}); {@link ChannelDrivers} finds
 * it by {@link #kind()}, and nothing else needs to know it exists.
 *
 * <p>Failures: a provider's refusal (bad credentials, a recipient it will not reach, the messaging
 * window) is a {@link dev.tenantcore.api.common.DomainException} with {@code channel_provider_failed}
 * and is final; what may pass (the network, a 5xx, a 429) is a {@link ChannelUnavailableException},
 * and the caller tries again later. Messages of either never carry a credential.
 */
public interface ChannelDriver {

    ChannelKind kind();

    /** The secrets a channel of this kind needs, by name; the credential store keeps nothing else. */
    Set<String> secretNames();

    /**
     * Secrets the service makes itself when a channel is connected, rather than the tenant (Telegram's
     * webhook secret token); each is stored like the tenant's own.
     */
    default Map<String, String> generatedSecrets() {
        return Map.of();
    }

    /** Whether the channel also needs {@code accountId} (the provider's id of the sending account). */
    boolean needsAccountId();

    /**
     * Checks a channel's non-secret settings (all of them, after a change) and returns them as kept,
     * defaults filled in; they are recorded in the channel's events. Kinds without settings refuse
     * any. Throws {@code validation_failed} naming the setting.
     */
    default Map<String, String> settings(Map<String, String> given) {
        if (given != null && !given.isEmpty()) {
            throw Rules.invalid(kind().wireName() + " channels take no settings");
        }
        return Map.of();
    }

    /**
     * Whether deliveries come to the channel's webhook; a channel that fetches them itself (email,
     * by polling the mailbox) has no webhook to show or register.
     */
    default boolean webhooks() {
        return true;
    }

    /**
     * Called in the transaction of the command that connected the channel, after it was recorded:
     * a driver that fetches deliveries itself starts doing so here.
     */
    default void connected(TenantId tenant, ChannelId channel) {}

    /**
     * Asks the provider's identity endpoint (Telegram's {@code getMe}, the Graph API's phone number)
     * who these credentials are, without sending anything.
     */
    ChannelIdentity validate(ChannelCredentials credentials);

    /**
     * Tells the provider where to deliver, for providers that take the address over their API
     * (Telegram's {@code setWebhook} with the channel's secret token). Others are registered by hand
     * in the provider's console, and do nothing here.
     */
    default void register(ChannelCredentials credentials, String webhookUrl) {}

    /**
     * Sends one message. {@code message.messageId()} is our id of it: drivers pass it as the
     * provider's idempotency key where the provider has one. Called outside any transaction.
     */
    SentMessage send(ChannelCredentials credentials, OutboundMessage message);

    /**
     * Where to fetch an inbound attachment the driver named {@code mediaRef} in {@link
     * InboundDelivery.Message}, with the provider's auth (WhatsApp's {@code GET /{media-id}} for the
     * short-lived URL, Telegram's {@code getFile}); the caller downloads it through the address guard
     * with its own size cap. Called on a scheduler thread, outside any transaction. Failures as for
     * {@link #send}. Channels whose attachments are not fetched by URL refuse.
     */
    default MediaDownload media(ChannelCredentials credentials, String mediaRef) {
        throw ProviderAnswers.refused(kind().wireName() + " attachments are not fetched by this service.");
    }

    /**
     * The bytes of an inbound attachment that is not behind a URL but with the provider itself (email:
     * a part of a mail in the channel's IMAP mailbox), read through the driver's own connection with
     * the same address guard; empty for drivers whose attachments are fetched by {@link #media}.
     * Called like {@link #media}; failures as for {@link #send}.
     *
     * @param maxBytes the cap: a larger attachment is refused with {@code payload_too_large}, having
     *     read no more than one byte past it
     */
    default Optional<byte[]> mediaBytes(ChannelCredentials credentials, String mediaRef, int maxBytes) {
        return Optional.empty();
    }

    /**
     * Answers a provider's subscription handshake ({@code GET} with query parameters; Meta's {@code
     * hub.challenge}) with the body to echo, or empty to refuse it. Providers without one refuse.
     */
    default Optional<String> challenge(ChannelCredentials credentials, Map<String, String> parameters) {
        return Optional.empty();
    }

    /**
     * Checks one delivery to the channel's webhook with the channel's secret, then reads it. Verify
     * before parsing, on the raw body; compare in constant time.
     *
     * @param headers the request's headers, names lower-cased
     * @param body the raw body exactly as received
     * @throws dev.tenantcore.api.common.DomainException {@code invalid_signature} when the delivery does
     *     not verify (nothing may be recorded then), {@code malformed_request} when it verifies but
     *     cannot be read
     */
    InboundDelivery verify(ChannelCredentials credentials, Map<String, String> headers, String body);

    /**
     * {@link #verify(ChannelCredentials, Map, String)} for a driver whose provider signs more than
     * the headers and body (Twilio signs the public URL it called). The others need not override it.
     */
    default InboundDelivery verify(ChannelCredentials credentials, WebhookRequest request) {
        return verify(credentials, request.headers(), request.body());
    }
}
