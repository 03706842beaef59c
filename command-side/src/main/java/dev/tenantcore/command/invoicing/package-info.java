/**
 * Invoicing: the invoice aggregate, gapless per-tenant numbering, the policy that invoices paid
 * orders and credits refunded ones, and the billing tenants' invoice endpoints.
 */
package dev.tenantcore.command.invoicing;
