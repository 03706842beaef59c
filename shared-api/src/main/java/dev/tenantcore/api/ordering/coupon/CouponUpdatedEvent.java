package dev.tenantcore.api.ordering.coupon;

import org.axonframework.serialization.Revision;

@Revision("1")
public record CouponUpdatedEvent(CouponId couponId, CouponTerms terms) {}
