package dev.tenantcore.command.payments.model;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.payments.AuthorizePaymentCommand;
import dev.tenantcore.api.payments.CreatePaymentCommand;
import dev.tenantcore.api.payments.ExpirePaymentCommand;
import dev.tenantcore.api.payments.MarkPaymentFailedCommand;
import dev.tenantcore.api.payments.MarkPaymentSucceededCommand;
import dev.tenantcore.api.payments.PaymentAuthorizedEvent;
import dev.tenantcore.api.payments.PaymentCreatedEvent;
import dev.tenantcore.api.payments.PaymentFailedEvent;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentRefundedEvent;
import dev.tenantcore.api.payments.PaymentStatus;
import dev.tenantcore.api.payments.PaymentSucceededEvent;
import dev.tenantcore.api.payments.RecordPaymentRefundCommand;
import dev.tenantcore.api.payments.RefundPaymentCommand;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.command.common.TenantOwned;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One attempt to pay one order's total through one provider.
 *
 * <p>Invariants: the amount is positive and fixed at creation; status moves only pending →
 * authorized → paid (authorization may be skipped), pending or authorized → failed, and paid →
 * refunded once refunds add up to the amount; refunds never exceed what was paid. A provider's
 * reference, once known, never changes, so a provider event for another reference cannot move it.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
public class Payment extends TenantOwned {

    public static final int MAX_REASON = 500;
    public static final int MAX_PROVIDER_REFERENCE = 255;

    @AggregateIdentifier
    private PaymentId id;

    private OrderId orderId;
    private Money amount;
    private PaymentStatus status;
    private String providerPaymentId;
    private long refundedMinor;

    protected Payment() {}

    @CommandHandler
    public Payment(
            CreatePaymentCommand command,
            @MetaDataValue(MetadataKeys.TENANT_ID) String tenant,
            PaymentReferences references) {
        if (command.orderId() == null || command.customerId() == null) {
            throw Rules.invalid("orderId and customerId are required");
        }
        if (command.provider() == null) {
            throw Rules.invalid("provider is required");
        }
        if (command.amount() == null || command.amount().amountMinor() <= 0) {
            throw Rules.invalid("a payment needs a positive amount");
        }
        String reference = reference(command.providerPaymentId());
        if (reference != null) {
            references.remember(command.provider(), reference, command.paymentId());
        }
        apply(new PaymentCreatedEvent(
                command.paymentId(),
                TenantId.of(tenant),
                command.orderId(),
                command.customerId(),
                command.amount(),
                command.provider(),
                reference));
    }

    @CommandHandler
    public long handle(AuthorizePaymentCommand command) {
        require(Set.of(PaymentStatus.PENDING), PaymentStatus.AUTHORIZED);
        apply(new PaymentAuthorizedEvent(id, sameReference(command.providerPaymentId())));
        return getVersion();
    }

    @CommandHandler
    public long handle(MarkPaymentSucceededCommand command) {
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

    /** A payment still open fails; one the provider settled or failed already stays as it is. */
    @CommandHandler
    public long handle(ExpirePaymentCommand command) {
        if (status == PaymentStatus.PENDING || status == PaymentStatus.AUTHORIZED) {
            apply(new PaymentFailedEvent(id, orderId, Rules.optionalText("reason", command.reason(), MAX_REASON)));
        }
        return getVersion();
    }

    /** The provider refunded already: recorded when it fits, ignored when the payment cannot take it. */
    @CommandHandler
    public long handle(RecordPaymentRefundCommand command) {
        long remaining = amount.amountMinor() - refundedMinor;
        if (status == PaymentStatus.PAID && command.amountMinor() > 0 && command.amountMinor() <= remaining) {
            long total = refundedMinor + command.amountMinor();
            apply(new PaymentRefundedEvent(
                    id,
                    Money.of(command.amountMinor(), amount.currency()),
                    total,
                    total == amount.amountMinor(),
                    Rules.optionalText("reason", command.reason(), MAX_REASON)));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(RefundPaymentCommand command) {
        require(Set.of(PaymentStatus.PAID), PaymentStatus.REFUNDED);
        long remaining = amount.amountMinor() - refundedMinor;
        long refund = command.amountMinor() == null ? remaining : command.amountMinor();
        if (refund <= 0 || refund > remaining) {
            throw Rules.invalid("a refund must be between 1 and the " + remaining + " not yet refunded");
        }
        long total = refundedMinor + refund;
        apply(new PaymentRefundedEvent(
                id,
                Money.of(refund, amount.currency()),
                total,
                total == amount.amountMinor(),
                Rules.optionalText("reason", command.reason(), MAX_REASON)));
        return getVersion();
    }

    @EventSourcingHandler
    void on(PaymentCreatedEvent event) {
        id = event.paymentId();
        tenantId = event.tenantId();
        orderId = event.orderId();
        amount = event.amount();
        providerPaymentId = event.providerPaymentId();
        status = PaymentStatus.PENDING;
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
    void on(PaymentRefundedEvent event) {
        refundedMinor = event.refundedMinor();
        if (event.fully()) {
            status = PaymentStatus.REFUNDED;
        }
    }

    @Override
    protected String aggregateId() {
        return String.valueOf(id);
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
