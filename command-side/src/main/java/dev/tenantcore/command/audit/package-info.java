/**
 * Audit: an aggregate's history as stored, its state as of an instant or a version (replayed by
 * the aggregate's own event-sourcing handlers), and the tenant's event stream, for auditors and
 * owners. Reads only: the event store through {@code TenantEventLog}, names from the command
 * side's own {@code user_credentials}.
 */
package dev.tenantcore.command.audit;
