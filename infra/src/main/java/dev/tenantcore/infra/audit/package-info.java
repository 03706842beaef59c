/**
 * The audit's reads of the event store: always through the {@code tenant_event_log} view, which
 * keeps the events of the tenant set for the transaction, in pages or streamed from a cursor.
 */
package dev.tenantcore.infra.audit;
