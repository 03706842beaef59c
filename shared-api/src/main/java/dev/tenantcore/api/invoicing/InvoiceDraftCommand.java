package dev.tenantcore.api.invoicing;

import java.util.List;

/**
 * What every command that begins an invoice or a credit note gives for its draft, so that the
 * aggregate validates all of them in one place. Accessors only: a command's serialized form stays
 * its record's components.
 */
public interface InvoiceDraftCommand {

    String currency();

    InvoiceParty buyer();

    List<InvoiceLineRequest> lines();
}
