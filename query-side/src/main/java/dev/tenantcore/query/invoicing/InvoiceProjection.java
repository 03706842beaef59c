package dev.tenantcore.query.invoicing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.invoicing.FindInvoiceQuery;
import dev.tenantcore.api.invoicing.InvoiceDraftUpdatedEvent;
import dev.tenantcore.api.invoicing.InvoiceDraftedEvent;
import dev.tenantcore.api.invoicing.InvoiceId;
import dev.tenantcore.api.invoicing.InvoiceIssuedEvent;
import dev.tenantcore.api.invoicing.InvoiceKind;
import dev.tenantcore.api.invoicing.InvoiceLine;
import dev.tenantcore.api.invoicing.InvoicePage;
import dev.tenantcore.api.invoicing.InvoicePaidEvent;
import dev.tenantcore.api.invoicing.InvoiceParty;
import dev.tenantcore.api.invoicing.InvoiceResponse;
import dev.tenantcore.api.invoicing.InvoiceStatus;
import dev.tenantcore.api.invoicing.InvoiceTotals;
import dev.tenantcore.api.invoicing.InvoiceVoidedEvent;
import dev.tenantcore.api.invoicing.ListInvoicesQuery;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import dev.tenantcore.query.support.PageCursor;
import dev.tenantcore.query.support.PageSize;
import dev.tenantcore.query.support.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code invoices} and {@code invoice_lines} in step with the invoice aggregates and answers
 * invoice queries. Rows are found by id only, row-level security scoping them to the message's
 * tenant. Idempotent: an invoice row changes only for a newer event ({@code version}), and its lines
 * are replaced together with it. Every change is pushed to subscribers of {@link FindInvoiceQuery},
 * which is how a command endpoint waits until its write is readable.
 */
@Component
@ProcessingGroup("invoices")
class InvoiceProjection {

    private static final String COLUMNS = "id, kind, status, number, order_id, credits_invoice_id, seller, buyer,"
            + " currency, net_minor, tax_minor, total_minor, void_reason, issued_at, paid_at, version, created_at,"
            + " updated_at";

    private final JdbcTemplate jdbc;
    private final TenantAwareTransactionManager transactions;
    private final QueryUpdateEmitter emitter;
    private final ObjectMapper json;

    InvoiceProjection(
            JdbcTemplate jdbc,
            TenantAwareTransactionManager transactions,
            QueryUpdateEmitter emitter,
            ObjectMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.emitter = emitter;
        this.json = json;
    }

    @EventHandler
    void on(InvoiceDraftedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        transactions.bind(event.tenantId());
        int inserted = jdbc.update(
                """
                INSERT INTO invoices (tenant_id, id, kind, status, order_id, credits_invoice_id, seller, buyer,
                                      currency, net_minor, tax_minor, total_minor, version, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, id) DO NOTHING
                """,
                event.tenantId().value(),
                event.invoiceId().value(),
                event.kind().wireName(),
                InvoiceStatus.DRAFT.wireName(),
                new SqlParameterValue(
                        Types.OTHER,
                        event.orderId() == null ? null : event.orderId().value()),
                new SqlParameterValue(
                        Types.OTHER,
                        event.creditsInvoiceId() == null
                                ? null
                                : event.creditsInvoiceId().value()),
                write(event.seller()),
                write(event.buyer()),
                event.totals().currency(),
                event.totals().netMinor(),
                event.totals().taxMinor(),
                event.totals().totalMinor(),
                sequence,
                Sql.timestamp(at),
                Sql.timestamp(at));
        if (inserted > 0) {
            replaceLines(event.invoiceId(), event.lines());
        }
        publish(event.invoiceId());
    }

    @EventHandler
    void on(InvoiceDraftUpdatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        InvoiceTotals totals = event.totals();
        int updated = jdbc.update(
                """
                UPDATE invoices SET buyer = CAST(? AS jsonb), currency = ?, net_minor = ?, tax_minor = ?,
                                    total_minor = ?, version = ?, updated_at = ?
                 WHERE id = ? AND version < ?
                """,
                write(event.buyer()),
                totals.currency(),
                totals.netMinor(),
                totals.taxMinor(),
                totals.totalMinor(),
                sequence,
                Sql.timestamp(at),
                event.invoiceId().value(),
                sequence);
        if (updated > 0) {
            replaceLines(event.invoiceId(), event.lines());
        }
        publish(event.invoiceId());
    }

    @EventHandler
    void on(InvoiceIssuedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.update(
                """
                UPDATE invoices SET status = ?, number = ?, issued_at = ?, version = ?, updated_at = ?
                 WHERE id = ? AND version < ?
                """,
                InvoiceStatus.ISSUED.wireName(),
                event.number(),
                Sql.timestamp(event.issuedAt()),
                sequence,
                Sql.timestamp(at),
                event.invoiceId().value(),
                sequence);
        publish(event.invoiceId());
    }

    @EventHandler
    void on(InvoicePaidEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.update(
                """
                UPDATE invoices SET status = ?, paid_at = ?, version = ?, updated_at = ?
                 WHERE id = ? AND version < ?
                """,
                InvoiceStatus.PAID.wireName(),
                Sql.timestamp(event.paidAt()),
                sequence,
                Sql.timestamp(at),
                event.invoiceId().value(),
                sequence);
        publish(event.invoiceId());
    }

    @EventHandler
    void on(InvoiceVoidedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.update(
                """
                UPDATE invoices SET status = ?, void_reason = ?, version = ?, updated_at = ?
                 WHERE id = ? AND version < ?
                """,
                InvoiceStatus.VOID.wireName(),
                new SqlParameterValue(Types.VARCHAR, event.reason()),
                sequence,
                Sql.timestamp(at),
                event.invoiceId().value(),
                sequence);
        publish(event.invoiceId());
    }

    @QueryHandler
    InvoiceResponse handle(FindInvoiceQuery query) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM invoices WHERE id = ?",
                        (rs, row) -> toResponse(rs, lines(query.invoiceId())),
                        query.invoiceId().value())
                .stream()
                .findFirst()
                .orElse(null);
    }

    /** Newest first, keyset-paginated over (created_at, id); list items carry no lines. */
    @QueryHandler
    InvoicePage handle(ListInvoicesQuery query) {
        int limit = PageSize.of(query.limit());
        PageCursor after = PageCursor.decode(query.cursor());
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM invoices WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (query.status() != null) {
            sql.append(" AND status = ?");
            args.add(query.status().wireName());
        }
        if (query.kind() != null) {
            sql.append(" AND kind = ?");
            args.add(query.kind().wireName());
        }
        if (query.number() != null) {
            sql.append(" AND number = ?");
            args.add(query.number());
        }
        if (query.issuedFrom() != null) {
            sql.append(" AND issued_at >= ?");
            args.add(Sql.timestamp(query.issuedFrom()));
        }
        if (query.issuedBefore() != null) {
            sql.append(" AND issued_at < ?");
            args.add(Sql.timestamp(query.issuedBefore()));
        }
        if (after != null) {
            sql.append(" AND (created_at, id) < (?, ?)");
            args.add(Sql.timestamp(after.createdAt()));
            args.add(after.id());
        }
        // One row more than asked tells whether another page exists without a count query.
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        args.add(limit + 1);
        List<InvoiceResponse> rows = jdbc.query(sql.toString(), (rs, row) -> toResponse(rs, List.of()), args.toArray());
        if (rows.size() <= limit) {
            return new InvoicePage(rows, null);
        }
        List<InvoiceResponse> page = List.copyOf(rows.subList(0, limit));
        InvoiceResponse last = page.get(limit - 1);
        return new InvoicePage(page, new PageCursor(last.createdAt(), last.id().value()).encode());
    }

    private void replaceLines(InvoiceId id, List<InvoiceLine> lines) {
        jdbc.update("DELETE FROM invoice_lines WHERE invoice_id = ?", id.value());
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            InvoiceLine line = lines.get(i);
            rows.add(new Object[] {
                id.value(),
                i,
                line.description(),
                line.quantity(),
                line.unitPriceMinor(),
                line.taxRateBasisPoints(),
                line.netMinor()
            });
        }
        jdbc.batchUpdate("""
                INSERT INTO invoice_lines (tenant_id, invoice_id, position, description, quantity, unit_price_minor,
                                           tax_rate_basis_points, net_minor)
                VALUES (app_current_tenant(), ?, ?, ?, ?, ?, ?, ?)
                """, rows);
    }

    private List<InvoiceLine> lines(InvoiceId id) {
        return jdbc.query(
                """
                SELECT description, quantity, unit_price_minor, tax_rate_basis_points, net_minor
                  FROM invoice_lines WHERE invoice_id = ? ORDER BY position
                """,
                (rs, row) -> new InvoiceLine(
                        rs.getString("description"),
                        rs.getInt("quantity"),
                        rs.getLong("unit_price_minor"),
                        rs.getInt("tax_rate_basis_points"),
                        rs.getLong("net_minor")),
                id.value());
    }

    private void publish(InvoiceId id) {
        InvoiceResponse current = handle(new FindInvoiceQuery(id));
        if (current != null) {
            emitter.emit(FindInvoiceQuery.class, q -> id.equals(q.invoiceId()), current);
        }
    }

    private InvoiceResponse toResponse(ResultSet rs, List<InvoiceLine> lines) throws SQLException {
        UUID order = rs.getObject("order_id", UUID.class);
        UUID credits = rs.getObject("credits_invoice_id", UUID.class);
        return new InvoiceResponse(
                new InvoiceId(rs.getObject("id", UUID.class)),
                InvoiceKind.fromWireName(rs.getString("kind")),
                InvoiceStatus.fromWireName(rs.getString("status")),
                rs.getString("number"),
                order == null ? null : new OrderId(order),
                credits == null ? null : new InvoiceId(credits),
                read(rs.getString("seller")),
                read(rs.getString("buyer")),
                lines,
                new InvoiceTotals(
                        rs.getString("currency"),
                        rs.getLong("net_minor"),
                        rs.getLong("tax_minor"),
                        rs.getLong("total_minor")),
                rs.getString("void_reason"),
                Sql.instant(rs, "issued_at"),
                Sql.instant(rs, "paid_at"),
                rs.getLong("version"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an invoice column", e);
        }
    }

    private InvoiceParty read(String text) {
        try {
            return json.readValue(text, InvoiceParty.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read an invoice column", e);
        }
    }
}
