/** Payments as staff and customers read them. */
package dev.tenantcore.query.payments;
