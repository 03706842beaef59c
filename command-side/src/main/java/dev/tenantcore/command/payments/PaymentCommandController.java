package dev.tenantcore.command.payments;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.ordering.FindOrderQuery;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.ordering.OrderResponse;
import dev.tenantcore.api.ordering.OrderStatus;
import dev.tenantcore.api.payments.AnnotatePaymentCommand;
import dev.tenantcore.api.payments.CreatePaymentCommand;
import dev.tenantcore.api.payments.FindPaymentQuery;
import dev.tenantcore.api.payments.MarkPaymentFailedCommand;
import dev.tenantcore.api.payments.MarkPaymentSucceededCommand;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.api.payments.PaymentResponse;
import dev.tenantcore.api.payments.PaymentStatus;
import dev.tenantcore.api.payments.RefundPaymentCommand;
import dev.tenantcore.command.common.CommandHeaders;
import dev.tenantcore.command.common.CommandResource;
import dev.tenantcore.command.common.CommandResponses;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.command.payments.model.Payment;
import dev.tenantcore.command.payments.provider.PaymentProvider;
import dev.tenantcore.command.payments.provider.PaymentProviderRegistry;
import dev.tenantcore.command.payments.provider.ProviderCredentials;
import dev.tenantcore.command.payments.settings.PaymentProviderSettings;
import dev.tenantcore.infra.idempotency.Idempotent;
import dev.tenantcore.infra.security.CustomerScope;
import dev.tenantcore.infra.web.CommandEndpoint;
import dev.tenantcore.infra.web.ProblemResponses;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Opening payments for orders and settling manual ones. The amount is always the order's total as
 * the orders read model states it (asked through shared-api queries, so command-side never reads
 * query-side tables); a customer may pay only their own pending order.
 */
@RestController
@RequestMapping("/api/v1/payments")
class PaymentCommandController {

    private final QueryGateway queries;
    private final CommandResource<PaymentId, PaymentResponse> payments;
    private final PaymentProviderSettings settings;
    private final PaymentProviderRegistry providers;

    private static final Logger log = LoggerFactory.getLogger(PaymentCommandController.class);

    static final String CLIENT_SECRET_HEADER = "Payment-Client-Secret";
    static final String CHECKOUT_URL_HEADER = "Payment-Checkout-Url";

    PaymentCommandController(
            QueryGateway queries,
            CommandResponses responses,
            PaymentProviderSettings settings,
            PaymentProviderRegistry providers) {
        this.queries = queries;
        this.payments = responses.resource(
                "/api/v1/payments",
                id -> new FindPaymentQuery(id, CustomerScope.current()),
                PaymentResponse.class,
                PaymentResponse::version);
        this.settings = settings;
        this.providers = providers;
    }

    record CreatePaymentRequest(
            @NotNull UUID orderId, @NotBlank @Size(max = 20) String provider) {}

    record FailRequest(@Size(max = 500) String reason) {}

    /** An omitted field keeps its value, an empty one removes it. */
    record AnnotateRequest(
            @Size(max = Payment.MAX_STAFF_REFERENCE) @Pattern(regexp = Rules.LINE_PATTERN)
            String reference,

            @Size(max = Payment.MAX_NOTE) @Pattern(regexp = Rules.LINES_PATTERN)
            String note) {}

    record RefundRequest(
            @Positive Long amountMinor, @Size(max = 500) String reason) {}

    /**
     * What the buyer pays with, read from the provider when asked: Stripe's client secret for
     * Stripe.js, or the provider's checkout page (PayPal approval, BTCPay invoice). Never stored.
     */
    record CheckoutView(
            PaymentId paymentId,
            PaymentProviderKind provider,
            String publishableKey,
            String clientSecret,
            String checkoutUrl) {}

    /**
     * Opens another payment of a pending order. The provider is asked after the payment is recorded,
     * outside this request's transaction (see QueuedProviderCalls); the answer waits for it, up to
     * the read-your-writes timeout, and then carries what the buyer pays with. A provider that is
     * slower answers {@code 201} with the payment still without its reference: the buyer then asks
     * {@code GET /payments/{id}/checkout}, which answers {@code 409 payment_opening} until it opened.
     */
    @CommandEndpoint(representation = PaymentResponse.class, creates = true)
    @PostMapping
    @Idempotent
    @ProblemResponses(502)
    @PreAuthorize("hasAnyRole('CUSTOMER', 'STAFF', 'MANAGER', 'OWNER')")
    public ResponseEntity<Object> create(@Valid @RequestBody CreatePaymentRequest body, CommandHeaders headers) {
        PaymentProviderKind kind = kind(body.provider());
        OrderId orderId = new OrderId(body.orderId());
        OrderResponse order = join(queries.query(
                new FindOrderQuery(orderId, CustomerScope.current()), ResponseTypes.instanceOf(OrderResponse.class)));
        if (order == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, "The resource does not exist.");
        }
        if (order.status() != OrderStatus.PENDING) {
            throw new DomainException(
                    ErrorCode.INVALID_STATE, "A " + order.status().wireName() + " order cannot be paid.");
        }
        ProviderCredentials credentials = credentials(kind, ErrorCode.VALIDATION_FAILED);
        PaymentId id = PaymentId.random();
        Money amount = Money.of(order.totals().totalMinor(), order.totals().currency());
        CreatePaymentCommand command = new CreatePaymentCommand(id, orderId, order.customerId(), amount, kind);
        if (kind == PaymentProviderKind.MANUAL) {
            return payments.create(id, command, headers);
        }
        // Version 1 is the provider's answer: opened, or failed.
        PaymentResponse opened = payments.createAndAwait(id, command, 1).orElse(null);
        if (opened == null) {
            return payments.created(id, 0, headers);
        }
        if (opened.status() == PaymentStatus.FAILED) {
            throw new DomainException(ErrorCode.PAYMENT_PROVIDER_FAILED, opened.failureReason());
        }
        ResponseEntity<Object> created = payments.created(id, opened.version(), headers);
        PaymentProvider.ProviderPayment checkout = live(kind, credentials, opened.providerPaymentId());
        // What the buyer pays with (Stripe.js's secret, or the provider's checkout page); kept out
        // of events and read models, and readable again through GET /payments/{id}/checkout.
        return ResponseEntity.status(created.getStatusCode())
                .headers(out -> {
                    out.addAll(created.getHeaders());
                    if (checkout.clientSecret() != null) {
                        out.set(CLIENT_SECRET_HEADER, checkout.clientSecret());
                    }
                    if (checkout.checkoutUrl() != null) {
                        out.set(CHECKOUT_URL_HEADER, checkout.checkoutUrl());
                    }
                })
                .body(created.getBody());
    }

    /** Only the payment's own buyer (or staff) may see how to pay it, and only while it is open. */
    @GetMapping("/{id}/checkout")
    @ProblemResponses({409, 502})
    @PreAuthorize("hasAnyRole('CUSTOMER', 'STAFF', 'MANAGER', 'OWNER')")
    public ResponseEntity<CheckoutView> checkout(@PathVariable UUID id) {
        PaymentResponse payment = payment(new PaymentId(id));
        if (payment.status() != PaymentStatus.PENDING && payment.status() != PaymentStatus.AUTHORIZED) {
            throw new DomainException(
                    ErrorCode.INVALID_STATE, "A " + payment.status().wireName() + " payment cannot be paid.");
        }
        if (payment.providerPaymentId() == null && payment.provider() != PaymentProviderKind.MANUAL) {
            throw new DomainException(
                    ErrorCode.PAYMENT_OPENING, "The payment is still being opened at its provider; ask again shortly.");
        }
        ProviderCredentials credentials = credentials(payment.provider(), ErrorCode.INVALID_STATE);
        PaymentProvider.ProviderPayment live = payment.providerPaymentId() == null
                ? PaymentProvider.ProviderPayment.NONE
                : providers.find(payment.provider()).orElseThrow().retrieve(credentials, payment.providerPaymentId());
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new CheckoutView(
                        payment.id(),
                        payment.provider(),
                        credentials.publishableKey(),
                        live.clientSecret(),
                        live.checkoutUrl()));
    }

    /**
     * Gives money back: all that remains, or {@code amountMinor} of it. A manual payment records
     * the refund at once; any other answers {@code refund_pending} while the provider is asked after
     * this request's transaction (see ScheduledProviderRefunds), and a second refund meanwhile is
     * refused with {@code 409 refund_pending}. Cancelling a paid order refunds it in full by itself;
     * this is for goodwill and partial refunds.
     */
    @CommandEndpoint(representation = PaymentResponse.class)
    @PostMapping("/{id}/refunds")
    @Idempotent
    @PreAuthorize("hasAnyRole('MANAGER', 'OWNER')")
    public ResponseEntity<Object> refund(
            @PathVariable UUID id, @Valid @RequestBody(required = false) RefundRequest body, CommandHeaders headers) {
        return payments.transition(
                new PaymentId(id),
                headers,
                (payment, expected) -> new RefundPaymentCommand(
                        payment,
                        expected,
                        body == null ? null : body.amountMinor(),
                        body == null ? null : body.reason()));
    }

    /**
     * Staff's own reference (a bank transfer number, say) and internal note, in any status. The note
     * is never shown to customers.
     */
    @CommandEndpoint(representation = PaymentResponse.class)
    @PatchMapping("/{id}")
    @PreAuthorize("hasAnyRole('STAFF', 'MANAGER', 'OWNER')")
    public ResponseEntity<Object> annotate(
            @PathVariable UUID id, @Valid @RequestBody AnnotateRequest body, CommandHeaders headers) {
        return payments.transition(
                new PaymentId(id),
                headers,
                (payment, expected) -> new AnnotatePaymentCommand(payment, expected, body.reference(), body.note()));
    }

    @CommandEndpoint(representation = PaymentResponse.class)
    @PostMapping("/{id}/mark-paid")
    @PreAuthorize("hasAnyRole('STAFF', 'MANAGER', 'OWNER')")
    public ResponseEntity<Object> markPaid(@PathVariable UUID id, CommandHeaders headers) {
        return payments.transition(
                new PaymentId(id),
                headers,
                (payment, expected) -> new MarkPaymentSucceededCommand(payment, expected, null));
    }

    @CommandEndpoint(representation = PaymentResponse.class)
    @PostMapping("/{id}/mark-failed")
    @PreAuthorize("hasAnyRole('STAFF', 'MANAGER', 'OWNER')")
    public ResponseEntity<Object> markFailed(
            @PathVariable UUID id, @Valid @RequestBody(required = false) FailRequest body, CommandHeaders headers) {
        return payments.transition(
                new PaymentId(id),
                headers,
                (payment, expected) ->
                        new MarkPaymentFailedCommand(payment, expected, body == null ? null : body.reason()));
    }

    /**
     * The credentials of a provider enabled here, read in a short transaction of their own so the
     * provider call that follows holds no connection; {@code refusal} says what a disabled one is:
     * bad input when a caller picks it, a state problem for a payment already made with it.
     */
    private ProviderCredentials credentials(PaymentProviderKind kind, ErrorCode refusal) {
        return settings.credentials(kind)
                .filter(c -> providers.has(kind))
                .orElseThrow(() ->
                        new DomainException(refusal, "Payments with " + kind.wireName() + " are not enabled here."));
    }

    /**
     * What the buyer pays an opened payment with, read from the provider. Nothing when the provider
     * does not answer now: the payment stands, and its checkout can be asked for again.
     */
    private PaymentProvider.ProviderPayment live(
            PaymentProviderKind kind, ProviderCredentials credentials, String providerPaymentId) {
        try {
            return providers.find(kind).orElseThrow().retrieve(credentials, providerPaymentId);
        } catch (RuntimeException e) {
            log.warn("{} did not tell how to pay {}: {}", kind.wireName(), providerPaymentId, e.getMessage());
            return PaymentProvider.ProviderPayment.NONE;
        }
    }

    /** The payment as its caller may see it: a customer only their own, anyone else as missing. */
    private PaymentResponse payment(PaymentId id) {
        PaymentResponse payment = join(queries.query(
                new FindPaymentQuery(id, CustomerScope.current()), ResponseTypes.instanceOf(PaymentResponse.class)));
        if (payment == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, "The resource does not exist.");
        }
        return payment;
    }

    private static PaymentProviderKind kind(String provider) {
        try {
            return PaymentProviderKind.fromWireName(provider);
        } catch (IllegalArgumentException e) {
            throw new DomainException(
                    ErrorCode.VALIDATION_FAILED, "provider must be one of manual, stripe, paypal, crypto.");
        }
    }

    private static <T> T join(java.util.concurrent.CompletableFuture<T> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
