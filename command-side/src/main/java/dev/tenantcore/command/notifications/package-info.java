/**
 * A tenant's own mail sender: its settings, one aggregate per tenant, changed by command so that
 * each change is an event in the tenant's history. The mail sender reads them from the record the
 * commands write in their own transaction (infra's {@code MailSenderRecords}).
 */
package dev.tenantcore.command.notifications;
