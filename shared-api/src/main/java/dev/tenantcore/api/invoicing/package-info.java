/**
 * Invoicing: invoices and credit notes, drafted by billing tenants or issued for paid orders, numbered
 * gaplessly per tenant when issued.
 */
package dev.tenantcore.api.invoicing;
