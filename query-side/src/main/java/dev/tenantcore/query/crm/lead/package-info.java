/**
 * Leads and public forms, read side: the {@code leads} (with {@code lead_notes}) and
 * {@code lead_forms} read models, the staff lists and the public form a visitor fills in.
 */
package dev.tenantcore.query.crm.lead;
