package dev.tenantcore.query.invoicing;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.invoicing.FindInvoiceQuery;
import dev.tenantcore.api.invoicing.InvoiceId;
import dev.tenantcore.api.invoicing.InvoiceKind;
import dev.tenantcore.api.invoicing.InvoicePage;
import dev.tenantcore.api.invoicing.InvoiceResponse;
import dev.tenantcore.api.invoicing.InvoiceStatus;
import dev.tenantcore.api.invoicing.ListInvoicesQuery;
import dev.tenantcore.api.tenancy.FindTenantSettingsQuery;
import dev.tenantcore.api.tenancy.TenantSettingsResponse;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.query.support.PageSize;
import dev.tenantcore.query.support.ReadQueries;
import dev.tenantcore.query.support.VersionedResponses;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Invoices and credit notes as staff read them. One invoice is JSON, or its PDF when the request
 * asks for {@code Accept: application/pdf}.
 */
@RestController
@RequestMapping("/api/v1/invoices")
@PreAuthorize("hasAnyRole('STAFF','MANAGER','OWNER','AUDITOR')")
class InvoiceController {

    private final ReadQueries queries;
    private final InvoiceDocument document;

    InvoiceController(ReadQueries queries, InvoiceDocument document) {
        this.queries = queries;
        this.document = document;
    }

    @GetMapping
    public InvoicePage list(
            @RequestParam(required = false) InvoiceStatus status,
            @RequestParam(required = false) InvoiceKind kind,
            @RequestParam(required = false) @Size(max = 100) String number,
            @RequestParam(required = false) Instant issuedFrom,
            @RequestParam(required = false) Instant issuedBefore,
            @RequestParam(defaultValue = "" + PageSize.DEFAULT) @Min(1) @Max(PageSize.MAX) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        var query = new ListInvoicesQuery(status, kind, number, issuedFrom, issuedBefore, limit, cursor);
        return queries.one(query, InvoicePage.class);
    }

    @GetMapping("/{id}")
    @ApiResponse(
            responseCode = "200",
            description = "The invoice as JSON, or as a PDF document when asked for with Accept: application/pdf.",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                        schema = @Schema(implementation = InvoiceResponse.class)),
                @Content(
                        mediaType = MediaType.APPLICATION_PDF_VALUE,
                        schema = @Schema(type = "string", format = "binary"))
            })
    public ResponseEntity<?> get(
            @PathVariable UUID id, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        InvoiceResponse invoice =
                queries.found(new FindInvoiceQuery(new InvoiceId(id)), InvoiceResponse.class, ReadQueries.MISSING);
        if (!wantsPdf(accept)) {
            return VersionedResponses.ok(invoice, invoice.version());
        }
        TenantSettingsResponse settings = queries.one(
                new FindTenantSettingsQuery(TenantContext.current()
                        .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, ReadQueries.MISSING))),
                TenantSettingsResponse.class);
        String name = (invoice.number() == null ? "draft-" + invoice.id() : invoice.number()) + ".pdf";
        return ResponseEntity.ok()
                .eTag(VersionedResponses.etag(invoice.version()))
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline().filename(name).build().toString())
                .body(document.pdf(invoice, settings));
    }

    /** PDF only when asked for by name; {@code *}/{@code *} and JSON keep the JSON answer. */
    private static boolean wantsPdf(String accept) {
        if (accept == null) {
            return false;
        }
        var types = MediaType.parseMediaTypes(accept);
        MimeTypeUtils.sortBySpecificity(types);
        for (MediaType type : types) {
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
                return false;
            }
            if (MediaType.APPLICATION_PDF.equalsTypeAndSubtype(type)) {
                return true;
            }
        }
        return false;
    }
}
