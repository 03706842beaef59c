/**
 * Payment provider drivers behind one SPI, {@link dev.tenantcore.command.payments.provider.PaymentProvider},
 * one sub-package each, all found through {@link
 * dev.tenantcore.command.payments.provider.PaymentProviderRegistry}. Every driver calls out through
 * infra's {@code OutboundHttp} and is tested against a stub of its provider's documented API.
 */
package dev.tenantcore.command.payments.provider;
