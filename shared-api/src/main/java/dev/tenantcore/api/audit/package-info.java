/**
 * What auditors read: one aggregate's history with who caused each event, its state as of an
 * instant or a version, and the tenant's event stream.
 */
package dev.tenantcore.api.audit;
