/** Payments of orders: the payment aggregate's messages and the read model's queries and responses. */
package dev.tenantcore.api.payments;
