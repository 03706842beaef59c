/**
 * {@code Idempotency-Key} with Stripe's semantics for any controller method marked
 * {@link dev.tenantcore.infra.idempotency.Idempotent}: keys stored per tenant and caller in
 * PostgreSQL, the first response replayed for the same request, a reuse with another request
 * refused.
 */
package dev.tenantcore.infra.idempotency;
