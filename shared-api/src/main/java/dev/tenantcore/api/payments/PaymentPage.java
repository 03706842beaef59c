package dev.tenantcore.api.payments;

import java.util.List;

/** Payments of a list; {@code nextCursor} is null on the last page. */
public record PaymentPage(List<PaymentResponse> items, String nextCursor) {}
