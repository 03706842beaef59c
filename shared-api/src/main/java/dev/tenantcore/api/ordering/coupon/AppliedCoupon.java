package dev.tenantcore.api.ordering.coupon;

/** The coupon an order was placed with, as its code read then. */
public record AppliedCoupon(CouponId couponId, String code) {}
