/** The orders read model: staff lists with filters, each customer's own orders, details with history. */
package dev.tenantcore.query.ordering;
