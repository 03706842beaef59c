/**
 * The coupons read model: staff list and read the shop's coupons, and a storefront checks a code
 * before checkout. Whether an order may use a code is decided by the command side, never here.
 */
package dev.tenantcore.query.ordering.coupon;
