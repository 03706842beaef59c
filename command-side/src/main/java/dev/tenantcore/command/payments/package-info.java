/**
 * Payments: the Payment aggregate, the {@link dev.tenantcore.command.payments.PaymentProvider}s
 * that move the money, and each tenant's provider settings with their secrets encrypted at rest.
 */
package dev.tenantcore.command.payments;
