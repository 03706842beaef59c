package dev.tenantcore.api.payments;

import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.ordering.OrderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens a payment of {@code amount} for an order of {@code customerId}. A payment with any provider
 * but manual is then opened at that provider after this command's transaction, and the provider's
 * answer comes back as {@link CompletePaymentOpeningCommand} or {@link FailPaymentOpeningCommand}.
 */
public record CreatePaymentCommand(
        @TargetAggregateIdentifier PaymentId paymentId,
        OrderId orderId,
        UserId customerId,
        Money amount,
        PaymentProviderKind provider) {}
