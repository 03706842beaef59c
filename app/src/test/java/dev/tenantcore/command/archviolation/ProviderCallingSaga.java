package dev.tenantcore.command.archviolation;

import dev.tenantcore.command.payments.provider.PaymentProvider;

/** A saga that would call a payment provider itself, so ArchitectureTest can show that rule failing. Test code only. */
public class ProviderCallingSaga {
    PaymentProvider provider;
}
