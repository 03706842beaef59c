package dev.tenantcore.command.crm.channel;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.crm.conversation.ChannelId;
import dev.tenantcore.api.crm.conversation.ConversationId;
import dev.tenantcore.api.crm.conversation.ReceiveInboundMessageCommand;
import dev.tenantcore.api.crm.conversation.RecordMessageStatusCommand;
import dev.tenantcore.api.crm.conversation.RecordReadWatermarkCommand;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.infra.web.ProblemResponses;
import dev.tenantcore.infra.webhooks.WebhookInbox;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Deliveries from messaging channels: {@code /api/v1/webhooks/channels/{endpointId}}, one random
 * endpoint id per channel, never a tenant in the URL. The id only says whose channel's secret must
 * verify the delivery ({@link ChannelDriver#verify}); through the {@link WebhookInbox} each delivery
 * is handled once and kept, and each message is recorded once by its provider id. Unknown ids and
 * forged deliveries get the same {@code 400 invalid_signature}, and nothing is recorded.
 */
@RestController
class ChannelWebhookController {

    static final String SOURCE = "channels";

    private final WebhookInbox inbox;
    private final ChannelDirectory directory;
    private final ChannelDrivers drivers;
    private final CommandGateway commands;
    private final EventStore events;
    private final TransactionTemplate tx;
    private final Environment env;
    private final ChannelHealth health;

    ChannelWebhookController(
            WebhookInbox inbox,
            ChannelDirectory directory,
            ChannelDrivers drivers,
            CommandGateway commands,
            EventStore events,
            PlatformTransactionManager transactionManager,
            Environment env,
            ChannelHealth health) {
        this.env = env;
        this.health = health;
        this.inbox = inbox;
        this.directory = directory;
        this.drivers = drivers;
        this.commands = commands;
        this.events = events;
        this.tx = new TransactionTemplate(transactionManager);
    }

    record DeliveryAcknowledgement(String deliveryId, String result) {}

    private record Received(
            TenantId tenant, ChannelId channel, ChannelDirectory.Channel settings, InboundDelivery delivery) {}

    @PostMapping("/api/v1/webhooks/channels/{endpointId}")
    public ResponseEntity<DeliveryAcknowledgement> receive(
            @PathVariable String endpointId,
            @RequestHeader HttpHeaders headers,
            @RequestBody(required = false) String payload,
            HttpServletRequest request) {
        String publicUrl = publicUrl(endpointId, request.getQueryString());
        Optional<ChannelDirectory.Endpoint> endpoint = directory.endpoint(endpointId);
        WebhookInbox.Delivery delivery = WebhookInbox.Delivery.of(SOURCE, endpointId, headers, payload);
        return inbox.receive(
                delivery,
                endpoint.map(ChannelDirectory.Endpoint::tenant),
                received -> {
                    ChannelDirectory.Endpoint channel = endpoint.orElseThrow(WebhookInbox::unverified);
                    ChannelDirectory.Channel settings =
                            tx.execute(s -> directory.find(channel.channel())).orElseThrow(WebhookInbox::unverified);
                    ChannelCredentials credentials = tx.execute(s -> directory.credentials(channel.channel()))
                            .orElseThrow(WebhookInbox::unverified);
                    ChannelDriver driver = drivers.find(settings.kind()).orElseThrow(WebhookInbox::unverified);
                    InboundDelivery read = driver.verify(
                            credentials, new WebhookRequest(received.headers(), received.body(), publicUrl));
                    return new WebhookInbox.Verified<>(
                            channel.channel().value() + ":" + read.deliveryId(),
                            new Received(channel.tenant(), channel.channel(), settings, read));
                },
                this::handle,
                (verified, result) -> {
                    if ("duplicate".equals(result)) {
                        // A redelivery still shows the provider reaches us.
                        tx.executeWithoutResult(
                                s -> health.delivered(verified.event().channel(), false, Instant.now()));
                    }
                    return ResponseEntity.ok(new DeliveryAcknowledgement(verified.eventId(), result));
                });
    }

    /**
     * Meta's subscription check: {@code hub.challenge} echoed as plain text when {@code
     * hub.verify_token} is the channel's; otherwise 403, as Meta expects. An unknown endpoint id is 404.
     */
    @GetMapping(value = "/api/v1/webhooks/channels/{endpointId}", produces = MediaType.TEXT_PLAIN_VALUE)
    @ProblemResponses({403, 404})
    public ResponseEntity<String> subscribe(
            @PathVariable String endpointId, @RequestParam Map<String, String> parameters) {
        ChannelDirectory.Endpoint endpoint = directory
                .endpoint(endpointId)
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "The resource does not exist."));
        try (var scope = TenantContext.enter(endpoint.tenant(), null)) {
            Optional<String> challenge = tx.execute(s -> directory
                    .find(endpoint.channel())
                    .flatMap(channel -> drivers.find(channel.kind())
                            .flatMap(driver -> directory
                                    .credentials(endpoint.channel())
                                    .flatMap(credentials -> driver.challenge(credentials, parameters)))));
            String answer = challenge.orElseThrow(ChannelWebhookController::refused);
            if (answer.length() > 200) {
                throw refused();
            }
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(answer);
        }
    }

    /**
     * The URL the provider called, as it knows it: {@code app.channels.public-url}, this endpoint's
     * path and the query, if any; null when the public URL is not set.
     */
    private String publicUrl(String endpointId, String query) {
        String base = ChannelController.publicUrl(env);
        if (base.isEmpty()) {
            return null;
        }
        return base + ChannelController.WEBHOOK_PATH + endpointId + (query == null ? "" : "?" + query);
    }

    /** Runs in the inbox's transaction: every message and status of the delivery, or none. */
    private String handle(Received received) {
        InboundDelivery delivery = received.delivery();
        for (InboundDelivery.Message message : delivery.messages()) {
            commands.sendAndWait(new ReceiveInboundMessageCommand(
                    ConversationId.of(received.tenant(), received.channel(), message.channelUserId()),
                    received.channel(),
                    received.settings().kind(),
                    message.channelUserId(),
                    message.userName(),
                    message.providerMessageId(),
                    message.text(),
                    message.mediaType(),
                    message.mediaRef(),
                    message.sentAt()));
        }
        int statuses = 0;
        for (InboundDelivery.StatusUpdate status : delivery.statuses()) {
            if (status.channelUserId() == null) {
                continue;
            }
            ConversationId conversation =
                    ConversationId.of(received.tenant(), received.channel(), status.channelUserId());
            // A status of a conversation this service never had (a message sent from elsewhere).
            if (events.lastSequenceNumberFor(conversation.toString()).isEmpty()) {
                continue;
            }
            commands.sendAndWait(new RecordMessageStatusCommand(
                    conversation, null, status.providerMessageId(), status.status(), status.reason()));
            statuses++;
        }
        for (InboundDelivery.ReadWatermark watermark : delivery.watermarks()) {
            if (watermark.channelUserId() == null) {
                continue;
            }
            ConversationId conversation =
                    ConversationId.of(received.tenant(), received.channel(), watermark.channelUserId());
            if (events.lastSequenceNumberFor(conversation.toString()).isEmpty()) {
                continue;
            }
            commands.sendAndWait(new RecordReadWatermarkCommand(conversation, watermark.watermark()));
            statuses++;
        }
        health.delivered(received.channel(), !delivery.messages().isEmpty(), Instant.now());
        return delivery.messages().isEmpty() && statuses == 0 ? "ignored" : "processed";
    }

    private static DomainException refused() {
        return new DomainException(ErrorCode.FORBIDDEN, "The verification token does not match.");
    }
}
