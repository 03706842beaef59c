/**
 * Leads and public forms, command side: the {@code LeadForm} and {@code Lead} aggregates, the
 * command-side record of each tenant's form definitions that a submission is checked against
 * ({@link dev.tenantcore.command.crm.lead.LeadForms}), and the staff and public endpoints.
 */
package dev.tenantcore.command.crm.lead;
