package dev.tenantcore.api.ordering.coupon;

import java.util.List;

public record CouponPage(List<CouponResponse> items, String nextCursor) {}
