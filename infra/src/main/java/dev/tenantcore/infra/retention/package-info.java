/**
 * Retention: what the application stores only for a while (idempotency records, sign-in sessions,
 * revocations, webhook deliveries) is deleted once it can serve no purpose any more, by one
 * db-scheduler task that purges each tenant under its own row-level security, in small batches.
 * Settings under {@code app.retention}; see the README's Retention section.
 */
package dev.tenantcore.infra.retention;
