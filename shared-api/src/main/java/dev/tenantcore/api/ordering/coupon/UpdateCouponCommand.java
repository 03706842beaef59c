package dev.tenantcore.api.ordering.coupon;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Replaces the coupon's terms for orders placed from now on; the code stays. */
public record UpdateCouponCommand(
        @TargetAggregateIdentifier CouponId couponId,
        @TargetAggregateVersion Long expectedVersion,
        CouponTerms terms) {}
