package dev.tenantcore.command.contextviolation.ordering;

import dev.tenantcore.command.contextviolation.common.SharedPiece;
import dev.tenantcore.command.contextviolation.payments.PaymentInternals;

/** Breaks the context rule on purpose (another context's internals), so ArchitectureTest can show it failing. */
public class OrderingReachingIntoPayments {
    SharedPiece allowed;
    PaymentInternals forbidden;
}
