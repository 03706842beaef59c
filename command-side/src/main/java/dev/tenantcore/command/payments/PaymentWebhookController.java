package dev.tenantcore.command.payments;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.ErrorDetails;
import dev.tenantcore.api.payments.AuthorizePaymentCommand;
import dev.tenantcore.api.payments.MarkPaymentFailedCommand;
import dev.tenantcore.api.payments.MarkPaymentSucceededCommand;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.api.payments.RefundPaymentCommand;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Provider webhooks: {@code POST /api/v1/webhooks/{provider}/{endpointId}}. The endpoint id names a
 * tenant, which is believed only once that tenant's webhook secret verifies the signature. Each
 * provider event is handled once: its id is recorded in the transaction of the command it causes,
 * so a redelivery finds it and changes nothing. A forged or stale delivery records nothing.
 */
@RestController
class PaymentWebhookController {

    /** What the payment itself refuses: final for this event, unlike an outage or a disabled module. */
    private static final Set<ErrorCode> REFUSALS =
            EnumSet.of(ErrorCode.INVALID_STATE, ErrorCode.CONFLICT, ErrorCode.VALIDATION_FAILED);

    private final WebhookEndpoints endpoints;
    private final PaymentProviderSettings settings;
    private final PaymentReferences references;
    private final Map<PaymentProviderKind, PaymentProvider> providers;
    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    PaymentWebhookController(
            WebhookEndpoints endpoints,
            PaymentProviderSettings settings,
            PaymentReferences references,
            List<PaymentProvider> providers,
            CommandGateway commands,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager) {
        this.endpoints = endpoints;
        this.settings = settings;
        this.references = references;
        this.providers = providers.stream().collect(Collectors.toMap(PaymentProvider::kind, Function.identity()));
        this.commands = commands;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactionManager);
    }

    record Acknowledgement(String eventId, String result) {}

    @PostMapping("/api/v1/webhooks/{provider}/{endpointId}")
    public ResponseEntity<Acknowledgement> receive(
            @PathVariable String provider,
            @PathVariable String endpointId,
            @RequestHeader HttpHeaders headers,
            @RequestBody(required = false) String payload) {
        PaymentProviderKind kind = kindOf(provider);
        PaymentProvider implementation = providers.get(kind);
        WebhookEndpoints.Endpoint endpoint = Optional.ofNullable(implementation)
                .flatMap(p -> endpoints.lookup(kind, endpointId))
                .orElseThrow(PaymentWebhookController::unverified);
        Map<String, String> lowerCased = new TreeMap<>();
        headers.forEach((name, values) -> lowerCased.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        try (var scope = TenantContext.enter(endpoint.tenant(), null)) {
            ProviderCredentials credentials =
                    tx.execute(status -> settings.credentials(kind)).orElseThrow(PaymentWebhookController::unverified);
            PaymentProvider.ProviderEvent event =
                    implementation.verifyWebhook(credentials, lowerCased, payload == null ? "" : payload);
            String result = process(kind, event);
            // Some providers need the merchant to complete an authorized payment (PayPal: capture the
            // approved order). Outside the transaction, as it calls the provider; also for a duplicate
            // of one of this tenant's payments, so that a delivery redone after a failed capture retries
            // it (the call is idempotent, its outcome deduplicated by its own id). A failure answers
            // 502, and the provider redelivers.
            if (event.outcome() == PaymentProvider.Outcome.AUTHORIZED
                    && ("processed".equals(result) || "duplicate".equals(result))
                    && event.providerPaymentId() != null
                    && tx.execute(status -> references.find(kind, event.providerPaymentId()))
                            .isPresent()) {
                implementation
                        .afterAuthorized(credentials, event.providerPaymentId())
                        .ifPresent(followUp -> process(kind, followUp));
            }
            return ResponseEntity.ok(new Acknowledgement(event.eventId(), result));
        }
    }

    private String process(PaymentProviderKind kind, PaymentProvider.ProviderEvent event) {
        try {
            return tx.execute(status -> handle(kind, event));
        } catch (DomainException | CommandExecutionException e) {
            if (!REFUSALS.contains(codeOf(e))) {
                throw e;
            }
            // The payment cannot make this move (it already did, or moved elsewhere): the event
            // is acknowledged and remembered so the provider stops redelivering it.
            tx.executeWithoutResult(status -> record(kind, event.eventId(), "refused"));
            return "refused";
        }
    }

    private String handle(PaymentProviderKind kind, PaymentProvider.ProviderEvent event) {
        if (!record(kind, event.eventId(), event.outcome().name().toLowerCase(Locale.ROOT))) {
            return "duplicate";
        }
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
            case REFUNDED -> commands.sendAndWait(new RefundPaymentCommand(id, null, null, "refunded at the provider"));
            default -> {
                return "ignored";
            }
        }
        return "processed";
    }

    /** Whether the event is new; a second delivery of the same id inserts nothing. */
    private boolean record(PaymentProviderKind kind, String eventId, String outcome) {
        return jdbc.update("""
                        INSERT INTO payment_webhook_events (tenant_id, provider, event_id, outcome, received_at)
                        VALUES (app_current_tenant(), ?, ?, ?, ?) ON CONFLICT DO NOTHING
                        """, kind.wireName(), eventId, outcome, Timestamp.from(Instant.now())) == 1;
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
            throw unverified();
        }
    }

    /** Unknown endpoints, disabled providers and bad signatures all look the same to the sender. */
    private static DomainException unverified() {
        return new DomainException(ErrorCode.INVALID_SIGNATURE, "The webhook signature does not verify.");
    }
}
