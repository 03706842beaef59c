package dev.tenantcore.api.payments;

import java.util.List;

public record PaymentList(List<PaymentResponse> items) {}
