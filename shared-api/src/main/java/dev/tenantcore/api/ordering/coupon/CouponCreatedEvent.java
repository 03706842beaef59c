package dev.tenantcore.api.ordering.coupon;

import dev.tenantcore.api.common.TenantId;
import org.axonframework.serialization.Revision;

/** {@code code} is upper case: customers may type it in any case. */
@Revision("1")
public record CouponCreatedEvent(CouponId couponId, TenantId tenantId, String code, CouponTerms terms) {}
