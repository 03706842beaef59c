/**
 * Coupons: the Coupon aggregate, its endpoints, and {@link
 * dev.tenantcore.command.ordering.coupon.Coupons}, the command side's record of each code that
 * orders redeem from in their placing transaction.
 */
package dev.tenantcore.command.ordering.coupon;
