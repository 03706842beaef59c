package dev.tenantcore.api.ordering;

import java.util.List;

/** Orders of a list, without their history; {@code nextCursor} is null on the last page. */
public record OrderPage(List<OrderResponse> items, String nextCursor) {}
