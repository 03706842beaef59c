/**
 * Payments. This package holds the REST face ({@code PaymentCommandController}), the answer to
 * ordering's {@link dev.tenantcore.command.common.PaymentMethods}, the payment saga, and the outbox
 * that calls a provider for what a payment recorded ({@code QueuedProviderCalls}, with one task to
 * open payments and one to refund them, both run by {@code ProviderCallRunner}); the rest lives in
 * sub-packages:
 *
 * <ul>
 *   <li>{@code model}: the Payment aggregate and its provider references;
 *   <li>{@code provider}: the driver SPI, {@link dev.tenantcore.command.payments.provider.PaymentProvider},
 *       and the one registry of drivers; one sub-package per driver ({@code stripe}, {@code paypal},
 *       {@code btcpay}, {@code manual});
 *   <li>{@code webhooks}: provider events, received through infra's webhook inbox;
 *   <li>{@code settings}: each tenant's provider settings, secrets encrypted at rest.
 * </ul>
 *
 * <p>{@code OrderPaymentSaga} stays here on purpose: Axon stores a saga's class name with every
 * saga instance, and the durable deadlines store their payload's class name
 * ({@code OrderPaymentSaga$PaymentWindowClosed}); moving the class would orphan sagas and payment
 * windows already in a database.
 */
package dev.tenantcore.command.payments;
