package dev.tenantcore.command.invoicing;

import static dev.tenantcore.command.common.CommandFixtures.ACME;
import static dev.tenantcore.command.common.CommandFixtures.GLOBEX;
import static dev.tenantcore.command.common.CommandFixtures.assertAccepted;
import static dev.tenantcore.command.common.CommandFixtures.assertRefused;
import static dev.tenantcore.command.common.CommandFixtures.fixtureFor;
import static dev.tenantcore.command.common.CommandFixtures.from;
import static dev.tenantcore.command.common.CommandFixtures.invalid;
import static dev.tenantcore.command.common.Refusals.refusedAsInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.invoicing.CreateInvoiceCommand;
import dev.tenantcore.api.invoicing.CreditOrderCommand;
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
import dev.tenantcore.api.invoicing.InvoiceTotals;
import dev.tenantcore.api.invoicing.InvoiceVoidedEvent;
import dev.tenantcore.api.invoicing.IssueInvoiceCommand;
import dev.tenantcore.api.invoicing.MarkInvoicePaidCommand;
import dev.tenantcore.api.invoicing.UpdateInvoiceDraftCommand;
import dev.tenantcore.api.invoicing.VoidInvoiceCommand;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.command.common.InMemoryTenantFacts;
import dev.tenantcore.command.common.Refusals;
import dev.tenantcore.command.common.Rules;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

@DisplayName("Invoice")
class InvoiceTest implements Refusals {

    private static final InvoiceId INVOICE = InvoiceId.random();
    private static final OrderId ORDER = OrderId.random();
    private static final InvoiceParty SELLER = InvoiceParty.named("Acme Ltd");
    private static final InvoiceParty CLIENT = new InvoiceParty(
            "Client Co", "ap@client.test", "1 Main St", null, "Springfield", "12345", null, "US", null);

    /** 3 hours at 80.00 with 21 % and a 9.99 book with 9 %: 249.99 net, 50.40 + 0.90 tax. */
    private static final List<InvoiceLineRequest> REQUESTED =
            List.of(new InvoiceLineRequest("Consulting", 3, 8000, 2100), new InvoiceLineRequest("Book", 1, 999, 900));

    private static final List<InvoiceLine> LINES =
            List.of(new InvoiceLine("Consulting", 3, 8000, 2100, 24000), new InvoiceLine("Book", 1, 999, 900, 999));
    private static final InvoiceTotals TOTALS = new InvoiceTotals("EUR", 24999, 5130, 30129);

    private static final String CREDITED_NUMBER = "INV-2026-000122";

    private final AtomicLong lastInvoice = new AtomicLong(122);
    private final AtomicLong lastCreditNote = new AtomicLong(0);
    private AggregateTestFixture<Invoice> fixture;

    @BeforeEach
    void setUp() {
        InvoiceNumbers numbers = (kind, at) -> {
            String series = new InvoiceNumberFormat(
                            kind == InvoiceKind.CREDIT_NOTE
                                    ? JdbcInvoiceNumbers.DEFAULT_CREDIT_NOTE_PATTERN
                                    : JdbcInvoiceNumbers.DEFAULT_INVOICE_PATTERN)
                    .series(LocalDate.of(2026, 3, 1));
            AtomicLong counter = kind == InvoiceKind.CREDIT_NOTE ? lastCreditNote : lastInvoice;
            return InvoiceNumberFormat.number(series, counter.incrementAndGet());
        };
        // Acme's paid invoice of the order is the only one a credit note may correct.
        CreditableInvoices creditable = (invoice, tenant) -> {
            if (!invoice.equals(InvoiceId.forOrder(ORDER)) || !tenant.equals(ACME)) {
                throw Rules.invalid("creditsInvoiceId must name an issued invoice of this tenant");
            }
            return CREDITED_NUMBER;
        };
        fixture = fixtureFor(
                Invoice.class,
                new InMemoryTenantFacts().known(ACME, SELLER.name(), 0).known(GLOBEX, SELLER.name(), 0),
                numbers,
                creditable);
    }

    @Override
    public FixtureConfiguration<Invoice> fixture() {
        return fixture;
    }

    /** What drafting an invoice refuses as invalid. */
    static Stream<Arguments> refusals() {
        return refusedAsInvalid("drafting", List.of(), invalidDrafts());
    }

    static Stream<Arguments> invalidDrafts() {
        List<InvoiceLineRequest> tooMany = new ArrayList<>();
        for (int i = 0; i <= Invoice.MAX_LINES; i++) {
            tooMany.add(new InvoiceLineRequest("Line", 1, 100, 0));
        }
        InvoiceParty badCountry = new InvoiceParty("Client", null, null, null, null, null, null, "usa", null);
        return Stream.of(
                invalid("no lines", new CreateInvoiceCommand(INVOICE, "EUR", CLIENT, List.of())),
                invalid("too many lines", new CreateInvoiceCommand(INVOICE, "EUR", CLIENT, tooMany)),
                invalid("an unknown currency", new CreateInvoiceCommand(INVOICE, "XYZ", CLIENT, REQUESTED)),
                invalid("no buyer", new CreateInvoiceCommand(INVOICE, "EUR", null, REQUESTED)),
                invalid(
                        "a buyer without a name",
                        new CreateInvoiceCommand(INVOICE, "EUR", InvoiceParty.named(" "), REQUESTED)),
                invalid("a buyer's bad country", new CreateInvoiceCommand(INVOICE, "EUR", badCountry, REQUESTED)),
                invalid(
                        "a zero quantity",
                        new CreateInvoiceCommand(
                                INVOICE, "EUR", CLIENT, List.of(new InvoiceLineRequest("A", 0, 100, 0)))),
                invalid(
                        "a negative price",
                        new CreateInvoiceCommand(
                                INVOICE, "EUR", CLIENT, List.of(new InvoiceLineRequest("A", 1, -1, 0)))),
                invalid(
                        "a tax rate above 100 %",
                        new CreateInvoiceCommand(
                                INVOICE, "EUR", CLIENT, List.of(new InvoiceLineRequest("A", 1, 100, 10_001)))),
                invalid(
                        "a blank description",
                        new CreateInvoiceCommand(
                                INVOICE, "EUR", CLIENT, List.of(new InvoiceLineRequest(" ", 1, 100, 0)))));
    }

    private static InvoiceDraftedEvent drafted() {
        return new InvoiceDraftedEvent(
                INVOICE, ACME, InvoiceKind.INVOICE, null, null, null, SELLER, CLIENT, LINES, TOTALS);
    }

    private InvoiceIssuedEvent issued() {
        return new InvoiceIssuedEvent(INVOICE, "INV-2026-000123", fixture.currentTime());
    }

    @Nested
    @DisplayName("drafting")
    class Drafting {

        @Test
        @DisplayName("a draft is taxed line by line, and the tenant is its seller")
        void draftsWithTotals() {
            fixture.givenNoPriorActivity()
                    .when(new CreateInvoiceCommand(INVOICE, "eur", CLIENT, REQUESTED), from(ACME))
                    .expectEvents(drafted());
        }
    }

    @Nested
    @DisplayName("changing a draft")
    class ChangingADraft {

        @Test
        @DisplayName("a draft's buyer and lines change and are totalled again")
        void updatesADraft() {
            InvoiceParty other = InvoiceParty.named("Other Co");
            assertAccepted(
                    fixture.given(drafted()),
                    new UpdateInvoiceDraftCommand(
                            INVOICE, 0L, null, other, List.of(new InvoiceLineRequest("Fee", 2, 500, 1000))),
                    ACME,
                    1L,
                    new InvoiceDraftUpdatedEvent(
                            INVOICE,
                            other,
                            List.of(new InvoiceLine("Fee", 2, 500, 1000, 1000)),
                            new InvoiceTotals("EUR", 1000, 100, 1100)));
        }

        @Test
        @DisplayName("an issued invoice cannot be changed")
        void issuedCannotChange() {
            assertRefused(
                    fixture.given(drafted(), issued()),
                    new UpdateInvoiceDraftCommand(INVOICE, null, null, CLIENT, null),
                    ACME,
                    ErrorCode.INVALID_STATE);
        }

        @Test
        @DisplayName("a change against an outdated version is refused")
        void staleVersionIsRefused() {
            assertRefused(
                    fixture.given(drafted(), new InvoiceDraftUpdatedEvent(INVOICE, CLIENT, LINES, TOTALS)),
                    new UpdateInvoiceDraftCommand(INVOICE, 0L, null, CLIENT, null),
                    ACME,
                    ConflictingAggregateVersionException.class);
        }
    }

    @Nested
    @DisplayName("moving through its states")
    class States {

        @Test
        @DisplayName("issuing gives a draft the next number of the tenant's series")
        void issues() {
            assertAccepted(fixture.given(drafted()), new IssueInvoiceCommand(INVOICE, null), ACME, 1L, issued());
        }

        @Test
        @DisplayName("an issued invoice is marked paid")
        void marksPaid() {
            assertAccepted(
                    fixture.given(drafted(), issued()),
                    new MarkInvoicePaidCommand(INVOICE, null),
                    ACME,
                    2L,
                    new InvoicePaidEvent(INVOICE, fixture.currentTime()));
        }

        @Test
        @DisplayName("a draft or an issued invoice is voided")
        void voids() {
            fixture.given(drafted())
                    .when(new VoidInvoiceCommand(INVOICE, null, "typo"), from(ACME))
                    .expectEvents(new InvoiceVoidedEvent(INVOICE, "typo"));
            assertAccepted(
                    fixture.given(drafted(), issued()),
                    new VoidInvoiceCommand(INVOICE, null, null),
                    ACME,
                    2L,
                    new InvoiceVoidedEvent(INVOICE, null));
        }

        @Test
        @DisplayName("a draft cannot be paid, an issued invoice not issued again, a paid one not voided")
        void invalidTransitionsAreRefused() {
            assertRefused(
                    fixture.given(drafted()), new MarkInvoicePaidCommand(INVOICE, null), ACME, ErrorCode.INVALID_STATE);
            assertRefused(
                    fixture.given(drafted(), issued()),
                    new IssueInvoiceCommand(INVOICE, null),
                    ACME,
                    ErrorCode.INVALID_STATE);
            assertRefused(
                    fixture.given(drafted(), issued(), new InvoicePaidEvent(INVOICE, fixture.currentTime())),
                    new VoidInvoiceCommand(INVOICE, null, null),
                    ACME,
                    ErrorCode.INVALID_STATE);
            assertRefused(
                    fixture.given(drafted(), new InvoiceVoidedEvent(INVOICE, null)),
                    new IssueInvoiceCommand(INVOICE, null),
                    ACME,
                    ErrorCode.INVALID_STATE);
        }

        @Test
        @DisplayName("another tenant's invoice behaves as if it did not exist, for every command")
        void otherTenantsInvoiceIsNotFound() {
            List<Object> commands = List.of(
                    new UpdateInvoiceDraftCommand(INVOICE, null, null, CLIENT, null),
                    new IssueInvoiceCommand(INVOICE, null),
                    new MarkInvoicePaidCommand(INVOICE, null),
                    new VoidInvoiceCommand(INVOICE, null, null));
            for (Object command : commands) {
                assertRefused(fixture.given(drafted()), command, GLOBEX, AggregateNotFoundException.class);
            }
            assertThat(lastInvoice).hasValue(122);
        }
    }

    @Nested
    @DisplayName("orders")
    class Orders {

        @Test
        @DisplayName("a paid order's invoice is drafted, issued and paid at once")
        void invoicesAPaidOrder() {
            fixture.givenNoPriorActivity()
                    .when(new InvoiceOrderCommand(INVOICE, ORDER, "EUR", CLIENT, REQUESTED), from(ACME))
                    .expectEvents(
                            new InvoiceDraftedEvent(
                                    INVOICE,
                                    ACME,
                                    InvoiceKind.INVOICE,
                                    ORDER,
                                    null,
                                    null,
                                    SELLER,
                                    CLIENT,
                                    LINES,
                                    TOTALS),
                            issued(),
                            new InvoicePaidEvent(INVOICE, fixture.currentTime()));
        }

        @Test
        @DisplayName("a refunded order's credit note carries negative amounts and its own number series")
        void creditsARefundedOrder() {
            InvoiceId creditNote = InvoiceId.creditNoteForOrder(ORDER);
            fixture.givenNoPriorActivity()
                    .when(
                            new CreditOrderCommand(
                                    creditNote, InvoiceId.forOrder(ORDER), ORDER, "EUR", CLIENT, REQUESTED),
                            from(ACME))
                    .expectEvents(
                            new InvoiceDraftedEvent(
                                    creditNote,
                                    ACME,
                                    InvoiceKind.CREDIT_NOTE,
                                    ORDER,
                                    InvoiceId.forOrder(ORDER),
                                    CREDITED_NUMBER,
                                    SELLER,
                                    CLIENT,
                                    List.of(
                                            new InvoiceLine("Consulting", 3, -8000, 2100, -24000),
                                            new InvoiceLine("Book", 1, -999, 900, -999)),
                                    new InvoiceTotals("EUR", -24999, -5130, -30129)),
                            new InvoiceIssuedEvent(creditNote, "CN-2026-000001", fixture.currentTime()));
        }

        @Test
        @DisplayName("a credit note of an invoice that is unknown, another tenant's or not issued is refused")
        void creditsOnlyAnIssuedInvoiceOfTheTenant() {
            for (InvoiceId credited : List.of(InvoiceId.random(), InvoiceId.forOrder(ORDER))) {
                assertRefused(
                        fixture.givenNoPriorActivity(),
                        new CreditOrderCommand(
                                InvoiceId.creditNoteForOrder(ORDER), credited, ORDER, "EUR", CLIENT, REQUESTED),
                        credited.equals(InvoiceId.forOrder(ORDER)) ? GLOBEX : ACME,
                        ErrorCode.VALIDATION_FAILED);
            }
        }

        @Test
        @DisplayName("an order's invoice and credit note have ids derived from the order, so each exists once")
        void idsDeriveFromTheOrder() {
            assertThat(InvoiceId.forOrder(ORDER)).isEqualTo(InvoiceId.forOrder(ORDER));
            assertThat(InvoiceId.creditNoteForOrder(ORDER)).isNotEqualTo(InvoiceId.forOrder(ORDER));
        }
    }

    @Nested
    @DisplayName("number patterns")
    class NumberPatterns {

        @Test
        @DisplayName("the default pattern gives INV-2026-000123, and the series restarts each year")
        void formatsNumbers() {
            InvoiceNumberFormat format = new InvoiceNumberFormat(JdbcInvoiceNumbers.DEFAULT_INVOICE_PATTERN);
            assertThat(InvoiceNumberFormat.number(format.series(LocalDate.of(2026, 5, 1)), 123))
                    .isEqualTo("INV-2026-000123");
            assertThat(format.series(LocalDate.of(2027, 1, 1))).isNotEqualTo(format.series(LocalDate.of(2026, 12, 31)));
            assertThat(InvoiceNumberFormat.number(
                            new InvoiceNumberFormat("{yy}{mm}/{seq}").series(LocalDate.of(2026, 3, 9)), 7))
                    .isEqualTo("2603/7");
        }

        @Test
        @DisplayName("a pattern without exactly one sequence is refused")
        void refusesPatternsWithoutOneSequence() {
            for (String pattern : new String[] {"INV-{yyyy}", "{seq}-{seq:4}", ""}) {
                org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                        .isThrownBy(() -> new InvoiceNumberFormat(pattern));
            }
        }
    }
}
