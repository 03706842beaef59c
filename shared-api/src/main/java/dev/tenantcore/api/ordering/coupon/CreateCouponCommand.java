package dev.tenantcore.api.ordering.coupon;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A new coupon with {@code code}, unique in the tenant whatever its case. */
public record CreateCouponCommand(@TargetAggregateIdentifier CouponId couponId, String code, CouponTerms terms) {}
