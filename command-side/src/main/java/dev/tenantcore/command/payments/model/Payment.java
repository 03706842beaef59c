package dev.tenantcore.command.payments.model;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.payments.AnnotatePaymentCommand;
import dev.tenantcore.api.payments.AuthorizePaymentCommand;
import dev.tenantcore.api.payments.CompletePaymentCancellationCommand;
import dev.tenantcore.api.payments.CompletePaymentOpeningCommand;
import dev.tenantcore.api.payments.CompletePaymentRefundCommand;
import dev.tenantcore.api.payments.CreatePaymentCommand;
import dev.tenantcore.api.payments.ExpirePaymentCommand;
import dev.tenantcore.api.payments.FailPaymentCancellationCommand;
import dev.tenantcore.api.payments.FailPaymentOpeningCommand;
import dev.tenantcore.api.payments.FailPaymentRefundCommand;
import dev.tenantcore.api.payments.MarkPaymentFailedCommand;
import dev.tenantcore.api.payments.MarkPaymentSucceededCommand;
import dev.tenantcore.api.payments.PaymentAnnotatedEvent;
import dev.tenantcore.api.payments.PaymentAuthorizedEvent;
import dev.tenantcore.api.payments.PaymentCancellationFailedEvent;
import dev.tenantcore.api.payments.PaymentCancellationRequestedEvent;
import dev.tenantcore.api.payments.PaymentCancelledEvent;
import dev.tenantcore.api.payments.PaymentCreatedEvent;
import dev.tenantcore.api.payments.PaymentFailedEvent;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentOpenedEvent;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.api.payments.PaymentRefundFailedEvent;
import dev.tenantcore.api.payments.PaymentRefundRequestedEvent;
import dev.tenantcore.api.payments.PaymentRefundedEvent;
import dev.tenantcore.api.payments.PaymentStatus;
import dev.tenantcore.api.payments.PaymentSucceededEvent;
import dev.tenantcore.api.payments.RecordPaymentRefundCommand;
import dev.tenantcore.api.payments.RefundPaymentCommand;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.command.common.TenantOwned;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One attempt to pay one order's total through one provider.
 *
 * <p>Invariants: the amount is positive and fixed at creation; status moves only pending →
 * authorized → paid (authorization may be skipped), pending or authorized → failed, and paid →
 * refunded once refunds add up to the amount; refunds never exceed what was paid. A provider's
 * reference, once known, never changes, so a provider event for another reference cannot move it.
 *
 * <p>The payment never calls its provider itself: opening it there and refunding are queued as
 * {@link ProviderCalls} in the transaction of the event that needs them, run afterwards, and
 * answered with a command, so a provider is never called while a database transaction is open.
 *
 * <p>A payment given up before it was paid (its order expired, was cancelled or was paid otherwise)
 * is closed at its provider too, as soon as the provider knows it, so that a late buyer cannot pay
 * it; money that arrives for it all the same (the buyer paid while it was being closed) is recorded
 * and refunded at once.
 *
 * <p>Refunds through a provider go one at a time: a refund is first recorded as requested (status
 * refund_pending) together with the provider call it needs, and only its completion or failure
 * frees the payment for the next one. Two concurrent refunds cannot both be requested, because both
 * would append the same event sequence number of this aggregate and the event store lets only one
 * commit.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
// Snapshots taken before payments remembered their provider lack it; Axon skips snapshots of
// another revision and sources the payment from its events instead.
@Revision("2")
public class Payment extends TenantOwned {

    public static final int MAX_REASON = 500;
    public static final int MAX_PROVIDER_REFERENCE = 255;
    public static final int MAX_STAFF_REFERENCE = 100;
    public static final int MAX_NOTE = 2000;

    @AggregateIdentifier
    private PaymentId id;

    private OrderId orderId;
    private Money amount;
    private PaymentStatus status;
    private PaymentProviderKind provider;
    private String providerPaymentId;
    private long refundedMinor;
    /** The refund the provider is being asked for, if any, and how many were asked for so far. */
    private UUID pendingRefund;

    private long pendingRefundMinor;
    private String pendingRefundReason;
    private int refundsRequested;
    /** Given up: its provider is asked to close it, and money that still arrives goes back. */
    private boolean cancelRequested;

    private boolean cancelled;
    /** Staff's own reference (a bank transfer number, say) and internal note; neither moves money. */
    private String reference;

    private String note;

    protected Payment() {}

    /**
     * A manual payment needs nothing external. Any other is opened at its provider after this
     * command's transaction (the call is queued here); the buyer can pay once it is opened.
     */
    @CommandHandler
    public Payment(
            CreatePaymentCommand command, @MetaDataValue(MetadataKeys.TENANT_ID) String tenant, ProviderCalls calls) {
        if (command.orderId() == null || command.customerId() == null) {
            throw Rules.invalid("orderId and customerId are required");
        }
        if (command.provider() == null) {
            throw Rules.invalid("provider is required");
        }
        if (command.amount() == null || command.amount().amountMinor() <= 0) {
            throw Rules.invalid("a payment needs a positive amount");
        }
        apply(new PaymentCreatedEvent(
                command.paymentId(),
                TenantId.of(tenant),
                command.orderId(),
                command.customerId(),
                command.amount(),
                command.provider(),
                null));
        if (command.provider() != PaymentProviderKind.MANUAL) {
            // From the command: in a constructor, Axon applies the event once the handler returned.
            calls.open(new ProviderCalls.Opening(
                    TenantId.of(tenant), command.paymentId(), command.provider(), command.amount()));
        }
    }

    /**
     * The provider opened the payment: its reference is remembered, so the provider's notifications
     * find this payment. Recorded even when the payment failed or expired meanwhile, because money
     * the buyer still sends there must be recognised (and given back).
     */
    @CommandHandler
    public long handle(CompletePaymentOpeningCommand command, PaymentReferences references, ProviderCalls calls) {
        String reference = reference(command.providerPaymentId());
        if (providerPaymentId == null && reference != null) {
            references.remember(provider, reference, id);
            apply(new PaymentOpenedEvent(id, reference));
            if (cancelRequested) {
                // Given up while the provider was still opening it: closed now that it has a name there.
                requestCancellation(calls);
            }
        }
        return getVersion();
    }

    /** The provider could not open the payment: a payment still waiting for it fails. */
    @CommandHandler
    public long handle(FailPaymentOpeningCommand command) {
        if (status == PaymentStatus.PENDING && providerPaymentId == null) {
            apply(new PaymentFailedEvent(id, orderId, Rules.optionalText("reason", command.reason(), MAX_REASON)));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(AuthorizePaymentCommand command) {
        require(Set.of(PaymentStatus.PENDING), PaymentStatus.AUTHORIZED);
        apply(new PaymentAuthorizedEvent(id, sameReference(command.providerPaymentId())));
        return getVersion();
    }

    /**
     * The money arrived. For a payment given up meanwhile (the buyer paid while it was being closed)
     * it is recorded all the same, as the provider holds it, and refunded in full at once.
     */
    @CommandHandler
    public long handle(MarkPaymentSucceededCommand command, ProviderCalls calls) {
        if (status == PaymentStatus.FAILED && cancelRequested) {
            apply(new PaymentSucceededEvent(id, orderId, sameReference(command.providerPaymentId())));
            requestRefund(calls, amount, "The payment arrived after it was given up.");
            return getVersion();
        }
        require(Set.of(PaymentStatus.PENDING, PaymentStatus.AUTHORIZED), PaymentStatus.PAID);
        apply(new PaymentSucceededEvent(id, orderId, sameReference(command.providerPaymentId())));
        return getVersion();
    }

    @CommandHandler
    public long handle(MarkPaymentFailedCommand command) {
        require(Set.of(PaymentStatus.PENDING, PaymentStatus.AUTHORIZED), PaymentStatus.FAILED);
        apply(new PaymentFailedEvent(id, orderId, Rules.optionalText("reason", command.reason(), MAX_REASON)));
        return getVersion();
    }

    /**
     * A payment still open fails and is closed at its provider (once the provider has opened it);
     * one the provider settled or failed already stays as it is.
     */
    @CommandHandler
    public long handle(ExpirePaymentCommand command, ProviderCalls calls) {
        if (status == PaymentStatus.PENDING || status == PaymentStatus.AUTHORIZED) {
            apply(new PaymentFailedEvent(id, orderId, Rules.optionalText("reason", command.reason(), MAX_REASON)));
            if (provider != PaymentProviderKind.MANUAL) {
                apply(new PaymentCancellationRequestedEvent(id, providerPaymentId));
                if (providerPaymentId != null) {
                    requestCancellation(calls);
                }
            }
        }
        return getVersion();
    }

    /** The provider closed the given-up payment; reported again, nothing changes. */
    @CommandHandler
    public long handle(CompletePaymentCancellationCommand command) {
        if (cancelRequested && !cancelled) {
            apply(new PaymentCancelledEvent(id, providerPaymentId));
        }
        return getVersion();
    }

    /** The provider did not close it; money that still arrives is refunded all the same. */
    @CommandHandler
    public long handle(FailPaymentCancellationCommand command) {
        if (cancelRequested && !cancelled) {
            apply(new PaymentCancellationFailedEvent(id, Rules.optionalText("reason", command.reason(), MAX_REASON)));
        }
        return getVersion();
    }

    /**
     * The provider reports the payment refunded in full: all that remains is recorded, including
     * a refund still pending here (the notification may overtake the answer to our own call, whose
     * completion then changes nothing).
     */
    @CommandHandler
    public long handle(RecordPaymentRefundCommand command) {
        if (status != PaymentStatus.REFUND_PENDING) {
            require(Set.of(PaymentStatus.PAID), PaymentStatus.REFUNDED);
        }
        long remaining = amount.amountMinor() - refundedMinor;
        apply(new PaymentRefundedEvent(
                id,
                Money.of(remaining, amount.currency()),
                amount.amountMinor(),
                true,
                Rules.optionalText("reason", command.reason(), MAX_REASON)));
        return getVersion();
    }

    /**
     * A manual payment is refunded at once: staff hand the money back themselves. Any other is
     * requested from its provider, whose call is queued in this command's transaction.
     */
    @CommandHandler
    public long handle(RefundPaymentCommand command, ProviderCalls calls) {
        if (status == PaymentStatus.REFUND_PENDING) {
            throw new DomainException(
                    ErrorCode.REFUND_PENDING, "A refund of this payment is still in progress; try again once it ends.");
        }
        require(Set.of(PaymentStatus.PAID), PaymentStatus.REFUNDED);
        long remaining = amount.amountMinor() - refundedMinor;
        long refund = command.amountMinor() == null ? remaining : command.amountMinor();
        if (refund <= 0 || refund > remaining) {
            throw Rules.invalid("a refund must be between 1 and the " + remaining + " not yet refunded");
        }
        String reason = Rules.optionalText("reason", command.reason(), MAX_REASON);
        Money money = Money.of(refund, amount.currency());
        if (provider == PaymentProviderKind.MANUAL) {
            long total = refundedMinor + refund;
            apply(new PaymentRefundedEvent(id, money, total, total == amount.amountMinor(), reason));
            return getVersion();
        }
        requestRefund(calls, money, reason);
        return getVersion();
    }

    /** The provider refunded what was requested; an answer to a refund no longer pending changes nothing. */
    @CommandHandler
    public long handle(CompletePaymentRefundCommand command) {
        if (isPending(command.refundId())) {
            long total = refundedMinor + pendingRefundMinor;
            apply(new PaymentRefundedEvent(
                    id,
                    Money.of(pendingRefundMinor, amount.currency()),
                    total,
                    total == amount.amountMinor(),
                    pendingRefundReason));
        }
        return getVersion();
    }

    /** The provider did not refund: the payment can be refunded again. */
    @CommandHandler
    public long handle(FailPaymentRefundCommand command) {
        if (isPending(command.refundId())) {
            apply(new PaymentRefundFailedEvent(
                    id,
                    command.refundId(),
                    Money.of(pendingRefundMinor, amount.currency()),
                    Rules.optionalText("reason", command.reason(), MAX_REASON)));
        }
        return getVersion();
    }

    /**
     * Staff's bookkeeping, in any status: a reference on one line and a note of several lines,
     * neither with other control characters. Recorded only when something changes.
     */
    @CommandHandler
    public long handle(AnnotatePaymentCommand command) {
        String newReference =
                Rules.replacement("reference", command.reference(), reference, MAX_STAFF_REFERENCE, false);
        String newNote = Rules.replacement("note", command.note(), note, MAX_NOTE, true);
        if (!Objects.equals(newReference, reference) || !Objects.equals(newNote, note)) {
            apply(new PaymentAnnotatedEvent(id, newReference, newNote));
        }
        return getVersion();
    }

    @EventSourcingHandler
    void on(PaymentCreatedEvent event) {
        id = event.paymentId();
        tenantId = event.tenantId();
        orderId = event.orderId();
        amount = event.amount();
        provider = event.provider();
        providerPaymentId = event.providerPaymentId();
        status = PaymentStatus.PENDING;
    }

    @EventSourcingHandler
    void on(PaymentAnnotatedEvent event) {
        reference = event.reference();
        note = event.note();
    }

    @EventSourcingHandler
    void on(PaymentOpenedEvent event) {
        providerPaymentId = event.providerPaymentId();
    }

    @EventSourcingHandler
    void on(PaymentAuthorizedEvent event) {
        providerPaymentId = event.providerPaymentId();
        status = PaymentStatus.AUTHORIZED;
    }

    @EventSourcingHandler
    void on(PaymentSucceededEvent event) {
        providerPaymentId = event.providerPaymentId();
        status = PaymentStatus.PAID;
    }

    @EventSourcingHandler
    void on(PaymentFailedEvent event) {
        status = PaymentStatus.FAILED;
    }

    @EventSourcingHandler
    void on(PaymentCancellationRequestedEvent event) {
        cancelRequested = true;
    }

    @EventSourcingHandler
    void on(PaymentCancelledEvent event) {
        cancelled = true;
    }

    @EventSourcingHandler
    void on(PaymentRefundRequestedEvent event) {
        pendingRefund = event.refundId();
        pendingRefundMinor = event.amount().amountMinor();
        pendingRefundReason = event.reason();
        refundsRequested++;
        status = PaymentStatus.REFUND_PENDING;
    }

    @EventSourcingHandler
    void on(PaymentRefundedEvent event) {
        refundedMinor = event.refundedMinor();
        pendingRefund = null;
        status = event.fully() ? PaymentStatus.REFUNDED : PaymentStatus.PAID;
    }

    @EventSourcingHandler
    void on(PaymentRefundFailedEvent event) {
        pendingRefund = null;
        status = PaymentStatus.PAID;
    }

    @Override
    protected String aggregateId() {
        return String.valueOf(id);
    }

    /** Asks the provider for {@code money} back, after this command's transaction. */
    private void requestRefund(ProviderCalls calls, Money money, String reason) {
        UUID refundId = refundId(refundsRequested + 1);
        apply(new PaymentRefundRequestedEvent(id, refundId, money, reason));
        calls.refund(new ProviderCalls.Refund(tenantId, id, refundId, provider, providerPaymentId, money));
    }

    /** Asks the provider to close this given-up payment, after this command's transaction. */
    private void requestCancellation(ProviderCalls calls) {
        calls.cancel(new ProviderCalls.Cancellation(tenantId, id, provider, providerPaymentId));
    }

    private boolean isPending(UUID refundId) {
        return pendingRefund != null && pendingRefund.equals(refundId);
    }

    /**
     * The n-th refund's id, derived rather than random so that replaying the history, or a test,
     * gives the same ids the provider saw as idempotency keys.
     */
    private UUID refundId(int n) {
        return UUID.nameUUIDFromBytes((id + "/refund/" + n).getBytes(StandardCharsets.UTF_8));
    }

    private void require(Set<PaymentStatus> from, PaymentStatus to) {
        if (!from.contains(status)) {
            throw new DomainException(
                    ErrorCode.INVALID_STATE,
                    "A " + status.wireName() + " payment cannot become " + to.wireName() + ".");
        }
    }

    /** The known reference, or the first one reported; a different one belongs to another payment. */
    private String sameReference(String reported) {
        String reference = reference(reported);
        if (reference == null) {
            return providerPaymentId;
        }
        if (providerPaymentId != null && !providerPaymentId.equals(reference)) {
            throw new DomainException(
                    ErrorCode.CONFLICT, "The provider reference does not match this payment's reference.");
        }
        return reference;
    }

    private static String reference(String value) {
        return Rules.optionalText("providerPaymentId", value, MAX_PROVIDER_REFERENCE);
    }
}
