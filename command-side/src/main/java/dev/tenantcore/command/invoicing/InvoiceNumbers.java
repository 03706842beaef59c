package dev.tenantcore.command.invoicing;

import dev.tenantcore.api.invoicing.InvoiceKind;
import java.time.Instant;

/**
 * Gapless numbers per tenant and series, taken in the issuing transaction: a number is consumed only
 * when the issue commits, and numbers follow the order in which issues commit.
 */
public interface InvoiceNumbers {

    String next(InvoiceKind kind, Instant issuedAt);
}
