package dev.tenantcore.api.invoicing;

import java.util.List;

/** {@code nextCursor} is null on the last page. */
public record InvoicePage(List<InvoiceResponse> items, String nextCursor) {}
