package dev.tenantcore.api.ordering.coupon;

import org.axonframework.serialization.Revision;

@Revision("1")
public record CouponArchivedEvent(CouponId couponId) {}
