package dev.tenantcore.command.invoicing;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.MinorUnits;
import dev.tenantcore.api.common.PostalAddress;
import dev.tenantcore.api.common.TaxRate;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.invoicing.CreateInvoiceCommand;
import dev.tenantcore.api.invoicing.CreditOrderCommand;
import dev.tenantcore.api.invoicing.InvoiceDraftCommand;
import dev.tenantcore.api.invoicing.InvoiceDraftUpdatedEvent;
import dev.tenantcore.api.invoicing.InvoiceDraftedEvent;
import dev.tenantcore.api.invoicing.InvoiceId;
import dev.tenantcore.api.invoicing.InvoiceIssuedEvent;
import dev.tenantcore.api.invoicing.InvoiceKind;
import dev.tenantcore.api.invoicing.InvoiceLine;
import dev.tenantcore.api.invoicing.InvoiceLineRequest;
import dev.tenantcore.api.invoicing.InvoiceOrderCommand;
import dev.tenantcore.api.invoicing.InvoicePaidEvent;
import dev.tenantcore.api.invoicing.InvoiceParty;
import dev.tenantcore.api.invoicing.InvoiceStatus;
import dev.tenantcore.api.invoicing.InvoiceTotals;
import dev.tenantcore.api.invoicing.InvoiceVoidedEvent;
import dev.tenantcore.api.invoicing.IssueInvoiceCommand;
import dev.tenantcore.api.invoicing.MarkInvoicePaidCommand;
import dev.tenantcore.api.invoicing.UpdateInvoiceDraftCommand;
import dev.tenantcore.api.invoicing.VoidInvoiceCommand;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.command.common.PostalAddresses;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.command.common.TenantFacts;
import dev.tenantcore.command.common.TenantOwned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An invoice, or a credit note that credits one back.
 *
 * <p>Invariants: all lines are in one currency and {@code total = net + tax}, tax charged per line
 * and rounded half up ({@link TaxRate}); a credit note's amounts are all negative, and it credits an
 * issued invoice of its tenant, which it names by id and number.
 * Status moves only draft → issued → paid, or to void from draft or issued. Only a draft changes;
 * the number is given at issue, the next of the tenant's gapless series for its kind, and an issued
 * invoice keeps it even when voided.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
public class Invoice extends TenantOwned {

    public static final int MAX_LINES = 100;
    public static final int MAX_QUANTITY = 1_000_000;
    public static final long MAX_UNIT_PRICE_MINOR = 10_000_000_000L;
    public static final int MAX_TAX_RATE_BASIS_POINTS = TaxRate.MAX_BASIS_POINTS;

    @AggregateIdentifier
    private InvoiceId id;

    private InvoiceKind kind;
    private InvoiceStatus status;
    private String number;
    private String currency;
    private InvoiceParty buyer;
    private List<InvoiceLine> lines;

    protected Invoice() {}

    @CommandHandler
    public Invoice(
            CreateInvoiceCommand command, @MetaDataValue(MetadataKeys.TENANT_ID) String tenant, TenantFacts tenants) {
        draft(new Draft(command.invoiceId(), InvoiceKind.INVOICE, null, null, null), command, tenant, tenants);
    }

    @CommandHandler
    public Invoice(
            InvoiceOrderCommand command,
            @MetaDataValue(MetadataKeys.TENANT_ID) String tenant,
            TenantFacts tenants,
            InvoiceNumbers numbers) {
        draft(
                new Draft(command.invoiceId(), InvoiceKind.INVOICE, command.orderId(), null, null),
                command,
                tenant,
                tenants);
        Instant now = now();
        apply(new InvoiceIssuedEvent(command.invoiceId(), numbers.next(InvoiceKind.INVOICE, now), now));
        apply(new InvoicePaidEvent(command.invoiceId(), now));
    }

    @CommandHandler
    public Invoice(
            CreditOrderCommand command,
            @MetaDataValue(MetadataKeys.TENANT_ID) String tenant,
            TenantFacts tenants,
            InvoiceNumbers numbers,
            CreditableInvoices creditable) {
        if (command.creditsInvoiceId() == null) {
            throw Rules.invalid("creditsInvoiceId is required");
        }
        String creditedNumber = creditable.numberOf(command.creditsInvoiceId(), TenantId.of(tenant));
        draft(
                new Draft(
                        command.creditNoteId(),
                        InvoiceKind.CREDIT_NOTE,
                        command.orderId(),
                        command.creditsInvoiceId(),
                        creditedNumber),
                command,
                tenant,
                tenants);
        Instant now = now();
        apply(new InvoiceIssuedEvent(command.creditNoteId(), numbers.next(InvoiceKind.CREDIT_NOTE, now), now));
    }

    @CommandHandler
    public long handle(UpdateInvoiceDraftCommand command) {
        if (status != InvoiceStatus.DRAFT) {
            throw new DomainException(
                    ErrorCode.INVALID_STATE,
                    "A " + status.wireName() + " invoice cannot be changed; only a draft can.");
        }
        String newCurrency = command.currency() == null ? currency : currency(command.currency());
        List<InvoiceLine> newLines = command.lines() == null ? lines : lines(command.lines(), 1);
        InvoiceParty newBuyer = command.buyer() == null ? buyer : party("buyer", command.buyer());
        apply(new InvoiceDraftUpdatedEvent(id, newBuyer, newLines, totals(newCurrency, newLines)));
        return getVersion();
    }

    @CommandHandler
    public long handle(IssueInvoiceCommand command, InvoiceNumbers numbers) {
        require(InvoiceStatus.DRAFT, InvoiceStatus.ISSUED);
        Instant now = now();
        apply(new InvoiceIssuedEvent(id, numbers.next(kind, now), now));
        return getVersion();
    }

    @CommandHandler
    public long handle(MarkInvoicePaidCommand command) {
        require(InvoiceStatus.ISSUED, InvoiceStatus.PAID);
        apply(new InvoicePaidEvent(id, now()));
        return getVersion();
    }

    @CommandHandler
    public long handle(VoidInvoiceCommand command) {
        if (status != InvoiceStatus.DRAFT && status != InvoiceStatus.ISSUED) {
            throw new DomainException(
                    ErrorCode.INVALID_STATE,
                    "A " + status.wireName() + " invoice cannot be voided; it must be draft or issued.");
        }
        apply(new InvoiceVoidedEvent(id, Rules.optionalText("reason", command.reason(), 500)));
        return getVersion();
    }

    @EventSourcingHandler
    void on(InvoiceDraftedEvent event) {
        id = event.invoiceId();
        tenantId = event.tenantId();
        kind = event.kind();
        status = InvoiceStatus.DRAFT;
        currency = event.totals().currency();
        buyer = event.buyer();
        lines = List.copyOf(event.lines());
    }

    @EventSourcingHandler
    void on(InvoiceDraftUpdatedEvent event) {
        currency = event.totals().currency();
        buyer = event.buyer();
        lines = List.copyOf(event.lines());
    }

    @EventSourcingHandler
    void on(InvoiceIssuedEvent event) {
        status = InvoiceStatus.ISSUED;
        number = event.number();
    }

    @EventSourcingHandler
    void on(InvoicePaidEvent event) {
        status = InvoiceStatus.PAID;
    }

    @EventSourcingHandler
    void on(InvoiceVoidedEvent event) {
        status = InvoiceStatus.VOID;
    }

    @Override
    protected String aggregateId() {
        return String.valueOf(id);
    }

    /**
     * This invoice's number, for a credit note of {@code tenant} that corrects it: only an invoice of
     * that tenant that was issued (and not voided) can be credited, as only it has a number to name.
     */
    String numberToCredit(TenantId tenant) {
        boolean creditable = tenant.equals(tenantId)
                && kind == InvoiceKind.INVOICE
                && (status == InvoiceStatus.ISSUED || status == InvoiceStatus.PAID);
        if (!creditable) {
            throw Rules.invalid("creditsInvoiceId must name an issued invoice of this tenant");
        }
        return number;
    }

    /** What the kind of draft fixes for good: its identity and what it belongs to. */
    private record Draft(InvoiceId id, InvoiceKind kind, OrderId order, InvoiceId credits, String creditsNumber) {}

    /**
     * Validates and records a new draft, the one way every invoice and credit note begins. A credit
     * note's lines count against the invoice it credits, so their amounts are negative.
     */
    private static void draft(Draft draft, InvoiceDraftCommand command, String tenant, TenantFacts tenants) {
        TenantId tenantId = TenantId.of(tenant);
        String currency = currency(command.currency());
        List<InvoiceLine> lines = lines(command.lines(), draft.kind() == InvoiceKind.CREDIT_NOTE ? -1 : 1);
        apply(new InvoiceDraftedEvent(
                draft.id(),
                tenantId,
                draft.kind(),
                draft.order(),
                draft.credits(),
                draft.creditsNumber(),
                seller(tenants, tenantId),
                party("buyer", command.buyer()),
                lines,
                totals(currency, lines)));
    }

    private static InvoiceParty seller(TenantFacts tenants, TenantId tenant) {
        return InvoiceParty.named(tenants.require(tenant).sellerName());
    }

    /** The clock events are stamped with, which aggregate test fixtures fix. */
    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    private void require(InvoiceStatus from, InvoiceStatus to) {
        if (status != from) {
            throw new DomainException(
                    ErrorCode.INVALID_STATE,
                    "A " + status.wireName() + " invoice cannot become " + to.wireName() + "; it must be "
                            + from.wireName() + ".");
        }
    }

    private static String currency(String code) {
        if (code == null || code.isBlank()) {
            throw Rules.invalid("currency is required");
        }
        String normalized;
        try {
            normalized =
                    Currency.getInstance(code.strip().toUpperCase(Locale.ROOT)).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw Rules.invalid("currency must be an ISO 4217 code");
        }
        MinorUnits.exponent(normalized); // amounts are minor units: refuses a currency that has none
        return normalized;
    }

    /** Lines as invoiced; {@code sign} -1 turns them into a credit note's negative amounts. */
    private static List<InvoiceLine> lines(List<InvoiceLineRequest> requested, int sign) {
        if (requested == null || requested.isEmpty()) {
            throw Rules.invalid("an invoice needs at least one line");
        }
        if (requested.size() > MAX_LINES) {
            throw Rules.invalid("an invoice may have at most " + MAX_LINES + " lines");
        }
        List<InvoiceLine> lines = new ArrayList<>();
        for (InvoiceLineRequest line : requested) {
            if (line == null) {
                throw Rules.invalid("a line must not be empty");
            }
            if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
                throw Rules.invalid("quantity must be between 1 and " + MAX_QUANTITY);
            }
            if (line.unitPriceMinor() < 0 || line.unitPriceMinor() > MAX_UNIT_PRICE_MINOR) {
                throw Rules.invalid("unitPriceMinor must be between 0 and " + MAX_UNIT_PRICE_MINOR);
            }
            TaxRate.ofBasisPoints(line.taxRateBasisPoints()); // refuses a rate outside 0 to 100 %
            long amount = Math.multiplyExact(line.unitPriceMinor(), line.quantity());
            if (line.discountMinor() < 0 || line.discountMinor() > amount) {
                throw Rules.invalid("discountMinor must be between 0 and the line's amount");
            }
            lines.add(new InvoiceLine(
                    Rules.text("description", line.description(), 500),
                    line.quantity(),
                    sign * line.unitPriceMinor(),
                    line.taxRateBasisPoints(),
                    sign * (amount - line.discountMinor()),
                    sign * line.discountMinor()));
        }
        return List.copyOf(lines);
    }

    /** Tax by the platform's one rule ({@link TaxRate}): per line, so an order's tax is reproduced to the cent. */
    static InvoiceTotals totals(String currency, List<InvoiceLine> lines) {
        long net = 0;
        long tax = 0;
        for (InvoiceLine line : lines) {
            net = Math.addExact(net, line.netMinor());
            tax = Math.addExact(
                    tax, TaxRate.ofBasisPoints(line.taxRateBasisPoints()).taxOnLine(line.netMinor()));
        }
        return new InvoiceTotals(currency, net, tax, Math.addExact(net, tax));
    }

    private static InvoiceParty party(String field, InvoiceParty p) {
        if (p == null) {
            throw Rules.invalid(field + " is required");
        }
        PostalAddress where = PostalAddresses.validated(field, p.postalAddress(), false);
        return InvoiceParty.of(
                Rules.text(field + ".name", p.name(), 200),
                Rules.optionalText(field + ".email", p.email(), 320),
                where,
                Rules.optionalText(field + ".taxId", p.taxId(), 50));
    }
}
