package dev.tenantcore.query.contextviolation.payments;

/** A context's internal class, which no other context may use. Test code only. */
public class PaymentRows {}
