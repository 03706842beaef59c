package dev.tenantcore.command.contextviolation.payments;

/** A context's internal class, which no other context may use. Test code only. */
public class PaymentInternals {}
