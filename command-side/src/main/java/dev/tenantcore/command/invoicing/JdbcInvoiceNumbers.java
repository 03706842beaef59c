package dev.tenantcore.command.invoicing;

import dev.tenantcore.api.invoicing.InvoiceKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link InvoiceNumbers} on one row-level-secured counter row per tenant and series. */
@Component
class JdbcInvoiceNumbers implements InvoiceNumbers {

    static final String DEFAULT_INVOICE_PATTERN = "INV-{yyyy}-{seq:6}";
    static final String DEFAULT_CREDIT_NOTE_PATTERN = "CN-{yyyy}-{seq:6}";

    private final JdbcTemplate jdbc;
    private final InvoiceNumberFormat invoices;
    private final InvoiceNumberFormat creditNotes;
    private final ZoneId zone;

    /** Read from the environment rather than {@code @Value}: the patterns' braces read as placeholders there. */
    JdbcInvoiceNumbers(JdbcTemplate jdbc, Environment environment) {
        this.jdbc = jdbc;
        this.invoices = new InvoiceNumberFormat(
                environment.getProperty("app.invoicing.invoice-number-pattern", DEFAULT_INVOICE_PATTERN));
        this.creditNotes = new InvoiceNumberFormat(
                environment.getProperty("app.invoicing.credit-note-number-pattern", DEFAULT_CREDIT_NOTE_PATTERN));
        this.zone = ZoneId.of(environment.getProperty("app.invoicing.numbering-zone", "UTC"));
    }

    /** The upsert locks the counter row until the issuing transaction ends, so no two issues share a number. */
    @Override
    public String next(InvoiceKind kind, Instant issuedAt) {
        InvoiceNumberFormat format = kind == InvoiceKind.CREDIT_NOTE ? creditNotes : invoices;
        String series = format.series(LocalDate.ofInstant(issuedAt, zone));
        Long number = jdbc.queryForObject("""
                INSERT INTO invoice_counters (tenant_id, series, last_number) VALUES (app_current_tenant(), ?, 1)
                ON CONFLICT (tenant_id, series) DO UPDATE SET last_number = invoice_counters.last_number + 1
                RETURNING last_number
                """, Long.class, series);
        if (number == null) {
            throw new IllegalStateException("the invoice counter returned no number");
        }
        return InvoiceNumberFormat.number(series, number);
    }
}
