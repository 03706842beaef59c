package dev.tenantcore.query.contextviolation.orders;

import dev.tenantcore.query.contextviolation.payments.PaymentRows;
import dev.tenantcore.query.contextviolation.support.SupportPiece;

/** Breaks the context rule on purpose (another context's internals), so ArchitectureTest can show it failing. */
public class OrdersReachingIntoPayments {
    SupportPiece allowed;
    PaymentRows forbidden;
}
