/**
 * Coupon codes of a tenant's shop: a percentage or a fixed amount off an order's goods, valid in a
 * window of time, limited in total and per customer, and applied when an order is placed.
 */
package dev.tenantcore.api.ordering.coupon;
