package dev.tenantcore.command.invoicing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.invoicing.CreditOrderCommand;
import dev.tenantcore.api.invoicing.InvoiceId;
import dev.tenantcore.api.invoicing.InvoiceLineRequest;
import dev.tenantcore.api.invoicing.InvoiceOrderCommand;
import dev.tenantcore.api.invoicing.InvoiceParty;
import dev.tenantcore.api.ordering.OrderAddress;
import dev.tenantcore.api.ordering.OrderCancelledEvent;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.ordering.OrderLine;
import dev.tenantcore.api.ordering.OrderPaidEvent;
import dev.tenantcore.api.ordering.OrderPlacedEvent;
import dev.tenantcore.api.ordering.OrderRefundedEvent;
import dev.tenantcore.api.tenancy.TenantModule;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import dev.tenantcore.infra.tenancy.TenantDirectory;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Invoices paid orders and credits refunded ones. It remembers each placed order's buyer and lines
 * (its events name only the order afterwards), then, when the order is paid, asks for an invoice
 * issued and paid at once, and when a paid order is cancelled or refunded in full, for a credit note
 * of that invoice.
 *
 * <p>Exactly once per order: the ids derive from the order and the request is flagged in the same
 * transaction as the command that carries it out (the command joins the handler's transaction), so
 * a redelivered event finds the flag set and asks nothing. The tenant reaches the commands through
 * the event's metadata. Only tenants with the billing module invoice: for the others the policy
 * asks nothing, as the module guard would refuse it and park the order's events as dead letters.
 */
@Component
@ProcessingGroup("order-invoicing")
class OrderInvoicingPolicy {

    private static final TypeReference<List<InvoiceLineRequest>> LINES = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    private final TenantAwareTransactionManager transactions;
    private final ObjectMapper json;
    private final TenantDirectory directory;

    OrderInvoicingPolicy(
            JdbcTemplate jdbc,
            CommandGateway commands,
            TenantAwareTransactionManager transactions,
            ObjectMapper json,
            TenantDirectory directory) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.transactions = transactions;
        this.json = json;
        this.directory = directory;
    }

    record OrderToInvoice(String currency, InvoiceParty buyer, List<InvoiceLineRequest> lines) {}

    @EventHandler
    void on(OrderPlacedEvent event) {
        transactions.bind(event.tenantId());
        jdbc.update(
                """
                INSERT INTO invoicing_orders (tenant_id, order_id, currency, buyer, lines)
                VALUES (?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb))
                ON CONFLICT (tenant_id, order_id) DO NOTHING
                """,
                event.tenantId().value(),
                event.orderId().value(),
                event.totals().currency(),
                write(buyer(event.billing())),
                write(lines(event)));
    }

    @EventHandler
    void on(OrderPaidEvent event, @MetaDataValue(MetadataKeys.TENANT_ID) String tenant) {
        if (!bills(tenant)) {
            return;
        }
        OrderToInvoice order = pending(event.orderId(), "invoiced = FALSE");
        if (order == null) {
            return;
        }
        commands.sendAndWait(new InvoiceOrderCommand(
                InvoiceId.forOrder(event.orderId()), event.orderId(), order.currency(), order.buyer(), order.lines()));
        jdbc.update(
                "UPDATE invoicing_orders SET invoiced = TRUE WHERE order_id = ?",
                event.orderId().value());
    }

    /** Only a cancelled paid order owes a refund, and only such an order was invoiced. */
    @EventHandler
    void on(OrderCancelledEvent event, @MetaDataValue(MetadataKeys.TENANT_ID) String tenant) {
        if (event.refundRequired()) {
            credit(event.orderId(), tenant);
        }
    }

    /**
     * A paid order refunded in full without being cancelled is credited now; a cancelled one was
     * credited at its cancellation, which the flag remembers.
     */
    @EventHandler
    void on(OrderRefundedEvent event, @MetaDataValue(MetadataKeys.TENANT_ID) String tenant) {
        credit(event.orderId(), tenant);
    }

    private void credit(OrderId orderId, String tenant) {
        if (!bills(tenant)) {
            return;
        }
        OrderToInvoice order = pending(orderId, "invoiced AND credited = FALSE");
        if (order == null) {
            return;
        }
        commands.sendAndWait(new CreditOrderCommand(
                InvoiceId.creditNoteForOrder(orderId),
                InvoiceId.forOrder(orderId),
                orderId,
                order.currency(),
                order.buyer(),
                order.lines()));
        jdbc.update("UPDATE invoicing_orders SET credited = TRUE WHERE order_id = ?", orderId.value());
    }

    /** As the module guard judges: a tenant the directory does not know yet is not refused. */
    private boolean bills(String tenant) {
        return directory
                .byId(TenantId.of(tenant))
                .map(entry -> entry.hasModule(TenantModule.BILLING))
                .orElse(true);
    }

    private OrderToInvoice pending(OrderId order, String condition) {
        return jdbc
                .query(
                        "SELECT currency, buyer, lines FROM invoicing_orders WHERE order_id = ? AND " + condition
                                + " FOR UPDATE",
                        (rs, row) -> new OrderToInvoice(
                                rs.getString("currency"),
                                read(rs.getString("buyer"), new TypeReference<InvoiceParty>() {}),
                                read(rs.getString("lines"), LINES)),
                        order.value())
                .stream()
                .findFirst()
                .orElse(null);
    }

    /**
     * The order's lines at the order's tax rate, each with its share of the order's discount, and its
     * shipping, untaxed as the order charged it.
     */
    private static List<InvoiceLineRequest> lines(OrderPlacedEvent event) {
        int taxRate = event.totals().taxRateBasisPoints();
        List<InvoiceLineRequest> lines = new ArrayList<>();
        for (OrderLine line : event.lines()) {
            lines.add(new InvoiceLineRequest(
                    line.name(), line.quantity(), line.unitPrice().amountMinor(), taxRate, line.discountMinor()));
        }
        if (event.totals().shippingMinor() > 0) {
            lines.add(new InvoiceLineRequest("Shipping", 1, event.totals().shippingMinor(), 0));
        }
        return lines;
    }

    private static InvoiceParty buyer(OrderAddress billing) {
        return InvoiceParty.of(billing.name(), billing.email(), billing.postalAddress(), null);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an order to invoice", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read an order to invoice", e);
        }
    }
}
