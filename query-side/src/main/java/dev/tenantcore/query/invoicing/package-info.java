/** The invoices read model: lists with filters, details, and the invoice as a PDF in the tenant's branding. */
package dev.tenantcore.query.invoicing;
