package dev.tenantcore.command.payments.webhooks;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.ErrorDetails;
import dev.tenantcore.api.payments.AuthorizePaymentCommand;
import dev.tenantcore.api.payments.MarkPaymentFailedCommand;
import dev.tenantcore.api.payments.MarkPaymentSucceededCommand;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.api.payments.RecordPaymentRefundCommand;
import dev.tenantcore.command.payments.model.Payment;
import dev.tenantcore.command.payments.model.PaymentReferences;
import dev.tenantcore.command.payments.provider.PaymentProvider;
import dev.tenantcore.command.payments.provider.PaymentProviderRegistry;
import dev.tenantcore.command.payments.provider.ProviderCredentials;
import dev.tenantcore.command.payments.settings.PaymentProviderSettings;
import dev.tenantcore.infra.webhooks.WebhookInbox;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Provider webhooks: {@code POST /api/v1/webhooks/{provider}/{endpointId}}, received through the
 * {@link WebhookInbox} (the endpoint id names a tenant only once that tenant's webhook secret
 * verifies; each provider event is handled once, in the transaction of the command it causes; the
 * raw delivery is kept). What a provider event means for a payment is decided here.
 */
@RestController
class PaymentWebhookController {

    /** What the payment itself refuses: final for this event, unlike an outage or a disabled module. */
    private static final Set<ErrorCode> REFUSALS =
            EnumSet.of(ErrorCode.INVALID_STATE, ErrorCode.CONFLICT, ErrorCode.VALIDATION_FAILED);

    private final WebhookInbox inbox;
    private final PaymentProviderSettings settings;
    private final PaymentReferences references;
    private final PaymentProviderRegistry providers;
    private final CommandGateway commands;

    PaymentWebhookController(
            WebhookInbox inbox,
            PaymentProviderSettings settings,
            PaymentReferences references,
            PaymentProviderRegistry providers,
            CommandGateway commands) {
        this.inbox = inbox;
        this.settings = settings;
        this.references = references;
        this.providers = providers;
        this.commands = commands;
    }

    record Acknowledgement(String eventId, String result) {}

    /** A verified event and the credentials that verified it, which a follow-up call needs again. */
    private record Received(PaymentProvider.ProviderEvent event, ProviderCredentials credentials) {}

    @PostMapping("/api/v1/webhooks/{provider}/{endpointId}")
    public ResponseEntity<Acknowledgement> receive(
            @PathVariable String provider,
            @PathVariable String endpointId,
            @RequestHeader HttpHeaders headers,
            @RequestBody(required = false) String payload) {
        PaymentProviderKind kind = kindOf(provider);
        PaymentProvider implementation = providers.find(kind).orElseThrow(WebhookInbox::unverified);
        WebhookInbox.Delivery delivery = WebhookInbox.Delivery.of(kind.wireName(), endpointId, headers, payload);
        return inbox.receive(
                delivery,
                received -> {
                    ProviderCredentials credentials = settings.credentials(kind).orElseThrow(WebhookInbox::unverified);
                    PaymentProvider.ProviderEvent event =
                            implementation.verifyWebhook(credentials, received.headers(), received.body());
                    return new WebhookInbox.Verified<>(event.eventId(), new Received(event, credentials));
                },
                received -> handle(kind, received),
                (verified, result) -> {
                    followUp(delivery, kind, implementation, verified.event(), result);
                    return ResponseEntity.ok(new Acknowledgement(verified.eventId(), result));
                });
    }

    /**
     * Some providers need the merchant to complete an authorized payment (PayPal: capture the
     * approved order). Outside the transaction, as it calls the provider; also for a duplicate of one
     * of this tenant's payments, so that a delivery redone after a failed capture retries it (the
     * call is idempotent, its outcome deduplicated by its own id). A failure answers 502, and the
     * provider redelivers.
     */
    private void followUp(
            WebhookInbox.Delivery delivery,
            PaymentProviderKind kind,
            PaymentProvider implementation,
            Received received,
            String result) {
        PaymentProvider.ProviderEvent event = received.event();
        if (event.outcome() == PaymentProvider.Outcome.AUTHORIZED
                && ("processed".equals(result) || "duplicate".equals(result))
                && event.providerPaymentId() != null
                && references.find(kind, event.providerPaymentId()).isPresent()) {
            implementation
                    .afterAuthorized(received.credentials(), event.providerPaymentId())
                    .ifPresent(next -> process(delivery, kind, next));
        }
    }

    private void process(
            WebhookInbox.Delivery delivery, PaymentProviderKind kind, PaymentProvider.ProviderEvent event) {
        inbox.once(delivery, event.eventId(), () -> handle(kind, new Received(event, null)));
    }

    /** Runs in the inbox's transaction; a refusal by the payment is remembered so the provider stops redelivering. */
    private String handle(PaymentProviderKind kind, Received received) {
        try {
            return apply(kind, received.event());
        } catch (DomainException | CommandExecutionException e) {
            if (!REFUSALS.contains(codeOf(e))) {
                throw e;
            }
            throw new WebhookInbox.Refusal(e);
        }
    }

    private String apply(PaymentProviderKind kind, PaymentProvider.ProviderEvent event) {
        if (event.outcome() == PaymentProvider.Outcome.IGNORED || event.providerPaymentId() == null) {
            return "ignored";
        }
        Optional<PaymentId> payment = references.find(kind, event.providerPaymentId());
        if (payment.isEmpty()) {
            return "ignored";
        }
        PaymentId id = payment.get();
        String reference = event.providerPaymentId();
        switch (event.outcome()) {
            case AUTHORIZED -> commands.sendAndWait(new AuthorizePaymentCommand(id, null, reference));
            case SUCCEEDED -> commands.sendAndWait(new MarkPaymentSucceededCommand(id, null, reference));
            case FAILED -> commands.sendAndWait(new MarkPaymentFailedCommand(id, null, truncated(event.detail())));
            // Providers report only refunds in full (see StripePaymentProvider): all that remains.
            case REFUNDED -> commands.sendAndWait(new RecordPaymentRefundCommand(id, "refunded at the provider"));
            default -> {
                return "ignored";
            }
        }
        return "processed";
    }

    /** Refusals come back wrapped with their code, so they survive a distributed command bus. */
    private static ErrorCode codeOf(RuntimeException e) {
        if (e instanceof DomainException domain) {
            return domain.code();
        }
        return ((CommandExecutionException) e)
                .getDetails()
                .filter(ErrorDetails.class::isInstance)
                .map(d -> ((ErrorDetails) d).code())
                .orElse(ErrorCode.INTERNAL_ERROR);
    }

    private static String truncated(String reason) {
        return reason == null || reason.length() <= Payment.MAX_REASON
                ? reason
                : reason.substring(0, Payment.MAX_REASON);
    }

    private static PaymentProviderKind kindOf(String provider) {
        try {
            return PaymentProviderKind.fromWireName(provider);
        } catch (IllegalArgumentException e) {
            throw WebhookInbox.unverified();
        }
    }
}
