package dev.tenantcore.command.invoicing;

import dev.tenantcore.api.invoicing.CreateInvoiceCommand;
import dev.tenantcore.api.invoicing.FindInvoiceQuery;
import dev.tenantcore.api.invoicing.InvoiceId;
import dev.tenantcore.api.invoicing.InvoiceLineRequest;
import dev.tenantcore.api.invoicing.InvoiceParty;
import dev.tenantcore.api.invoicing.InvoiceResponse;
import dev.tenantcore.api.invoicing.IssueInvoiceCommand;
import dev.tenantcore.api.invoicing.MarkInvoicePaidCommand;
import dev.tenantcore.api.invoicing.UpdateInvoiceDraftCommand;
import dev.tenantcore.api.invoicing.VoidInvoiceCommand;
import dev.tenantcore.command.common.CommandHeaders;
import dev.tenantcore.command.common.CommandResource;
import dev.tenantcore.command.common.CommandResponses;
import dev.tenantcore.infra.idempotency.Idempotent;
import dev.tenantcore.infra.web.CommandEndpoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Invoices a billing tenant writes for its own clients: drafted, changed while draft, issued, paid or voided. */
@CommandEndpoint(representation = InvoiceResponse.class)
@PreAuthorize("hasAnyRole('MANAGER', 'OWNER')")
@RestController
@RequestMapping("/api/v1/invoices")
class InvoiceCommandController {

    private final CommandResource<InvoiceId, InvoiceResponse> invoices;

    InvoiceCommandController(CommandResponses responses) {
        this.invoices = responses.resource(
                "/api/v1/invoices",
                InvoiceId::new,
                FindInvoiceQuery::new,
                InvoiceResponse.class,
                InvoiceResponse::version);
    }

    record PartyRequest(
            @NotBlank @Size(max = 200) String name,
            @Email @Size(max = 320) String email,
            @Size(max = 200) String line1,
            @Size(max = 200) String line2,
            @Size(max = 100) String city,
            @Size(max = 20) String postalCode,
            @Size(max = 100) String region,
            @Pattern(regexp = "[A-Z]{2}") String country,
            @Size(max = 50) String taxId) {
        InvoiceParty toParty() {
            return new InvoiceParty(name, email, line1, line2, city, postalCode, region, country, taxId);
        }
    }

    record LineRequest(
            @NotBlank @Size(max = 500) String description,
            @NotNull @Min(1) @Max(Invoice.MAX_QUANTITY) Integer quantity,

            @NotNull @Min(0) @Max(Invoice.MAX_UNIT_PRICE_MINOR)
            Long unitPriceMinor,

            @Min(0) @Max(Invoice.MAX_TAX_RATE_BASIS_POINTS) Integer taxRateBasisPoints) {
        InvoiceLineRequest toLine() {
            return new InvoiceLineRequest(
                    description, quantity, unitPriceMinor, taxRateBasisPoints == null ? 0 : taxRateBasisPoints);
        }
    }

    record CreateInvoiceRequest(
            @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
            @NotNull @Valid PartyRequest buyer,
            @NotEmpty @Size(max = Invoice.MAX_LINES) List<@NotNull @Valid LineRequest> lines) {}

    record UpdateInvoiceRequest(
            @Pattern(regexp = "[A-Z]{3}") String currency,
            @Valid PartyRequest buyer,
            @Size(min = 1, max = Invoice.MAX_LINES) List<@NotNull @Valid LineRequest> lines) {

        UpdateInvoiceDraftCommand toCommand(InvoiceId invoice, Long expectedVersion) {
            return new UpdateInvoiceDraftCommand(
                    invoice,
                    expectedVersion,
                    currency,
                    buyer == null ? null : buyer.toParty(),
                    lines == null
                            ? null
                            : lines.stream().map(LineRequest::toLine).toList());
        }
    }

    record VoidRequest(@Size(max = 500) String reason) {}

    @CommandEndpoint(representation = InvoiceResponse.class, creates = true)
    @PostMapping
    @Idempotent
    public ResponseEntity<Object> create(@Valid @RequestBody CreateInvoiceRequest body, CommandHeaders headers) {
        InvoiceId id = InvoiceId.random();
        return invoices.create(
                id,
                new CreateInvoiceCommand(
                        id,
                        body.currency(),
                        body.buyer().toParty(),
                        body.lines().stream().map(LineRequest::toLine).toList()),
                headers);
    }

    @PatchMapping("/{id}")
    public ResponseEntity<Object> update(
            @PathVariable UUID id, @Valid @RequestBody UpdateInvoiceRequest body, CommandHeaders headers) {
        return invoices.transition(id, headers, body::toCommand);
    }

    @PostMapping("/{id}/issue")
    public ResponseEntity<Object> issue(@PathVariable UUID id, CommandHeaders headers) {
        return invoices.transition(id, headers, IssueInvoiceCommand::new);
    }

    @PostMapping("/{id}/mark-paid")
    public ResponseEntity<Object> markPaid(@PathVariable UUID id, CommandHeaders headers) {
        return invoices.transition(id, headers, MarkInvoicePaidCommand::new);
    }

    @PostMapping("/{id}/void")
    public ResponseEntity<Object> voidInvoice(
            @PathVariable UUID id, @Valid @RequestBody(required = false) VoidRequest body, CommandHeaders headers) {
        return invoices.transition(
                id,
                headers,
                (invoice, expected) -> new VoidInvoiceCommand(invoice, expected, body == null ? null : body.reason()));
    }
}
