package dev.tenantcore.command.audit;

import dev.tenantcore.api.audit.AggregateStateResponse;
import dev.tenantcore.api.audit.AuditEvent;
import dev.tenantcore.api.audit.AuditHistoryPage;
import dev.tenantcore.api.audit.ExportPage;
import dev.tenantcore.api.audit.ExportResponse;
import dev.tenantcore.api.audit.OffboardingResponse;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.FindTenantQuery;
import dev.tenantcore.api.tenancy.TenantResponse;
import dev.tenantcore.infra.security.CurrentUser;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.infra.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform's view of one tenant's history, named in the path as the platform's other tenant
 * routes name it: its audit (the same answers as the tenant's own {@code /api/v1/audit}), its
 * exports, and its offboarding. Platform administrators and platform auditors read and export;
 * only administrators offboard. The request runs in the platform scope; the work runs in the named
 * tenant, so everything read is that tenant's under its row-level security.
 *
 * <p>The handler methods are public because method security is enforced by a proxy.
 */
@RestController
@RequestMapping("/api/v1/platform/tenants/{tenantId}")
@PreAuthorize("hasAnyRole('PLATFORM_ADMIN','PLATFORM_AUDITOR')")
class PlatformAuditController {

    private static final String NO_TENANT = "The tenant does not exist.";

    private final AuditController audit;
    private final AuditExports exports;
    private final Offboardings offboardings;
    private final QueryGateway queries;

    /**
     * The tenant's audit controller without its proxy: its rule admits the tenant's owners and
     * auditors, and here the caller is the platform, checked by this class's own rule.
     */
    PlatformAuditController(
            AuditController audit, AuditExports exports, Offboardings offboardings, QueryGateway queries) {
        Object target = AopProxyUtils.getSingletonTarget(audit);
        this.audit = target instanceof AuditController plain ? plain : audit;
        this.exports = exports;
        this.offboardings = offboardings;
        this.queries = queries;
    }

    record OffboardingRequest(
            @Size(max = 500) @Pattern(regexp = "[^\\p{Cntrl}]*")
            String reason,

            @Schema(
                    description = "Once the tenant is closed, shred every data subject key of it: the personal"
                            + " data in its events then reads as erased (the export keeps it). Default false.")
            Boolean shredKeys) {}

    @GetMapping("/audit/{aggregateType}/{id}/history")
    public AuditHistoryPage history(
            @PathVariable UUID tenantId,
            @PathVariable @Size(max = 60) String aggregateType,
            @PathVariable @Size(max = 100) String id,
            @RequestParam(defaultValue = "" + AuditController.DEFAULT_LIMIT) @Min(1) @Max(AuditController.MAX_LIMIT)
                    int limit,
            @RequestParam(required = false) @Size(max = 100) String cursor) {
        try (var scope = enter(tenantId)) {
            return audit.history(aggregateType, id, limit, cursor);
        }
    }

    @GetMapping("/audit/{aggregateType}/{id}")
    public AggregateStateResponse state(
            @PathVariable UUID tenantId,
            @PathVariable @Size(max = 60) String aggregateType,
            @PathVariable @Size(max = 100) String id,
            @RequestParam(required = false) @Parameter(description = "An ISO-8601 instant, e.g. 2026-11-30T10:00:00Z.")
                    Instant asOf,
            @RequestParam(required = false) @Min(0) Long version) {
        try (var scope = enter(tenantId)) {
            return audit.state(aggregateType, id, asOf, version);
        }
    }

    @GetMapping(value = "/audit/events", produces = AuditController.NDJSON)
    @ApiResponse(
            responseCode = "200",
            description = "One AuditEvent per line (NDJSON), oldest first.",
            content = @Content(mediaType = AuditController.NDJSON, schema = @Schema(implementation = AuditEvent.class)))
    public ResponseEntity<AuditEvent> events(
            @PathVariable UUID tenantId,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false)
                    @Pattern(regexp = "[A-Za-z][A-Za-z0-9]{0,99}")
                    @Parameter(description = "An event type, e.g. ProductCreatedEvent.")
                    String type,
            @RequestParam(required = false) @Parameter(description = "Events caused by this user or API key.")
                    UUID user,
            @RequestParam(required = false) @Size(max = 60) String aggregateType,
            @RequestParam(defaultValue = "0") @Min(0) long after,
            HttpServletResponse response)
            throws IOException {
        try (var scope = enter(tenantId)) {
            return audit.stream(from, to, type, user, aggregateType, after, response);
        }
    }

    /** Queues a full export of the tenant, as its owner's would be. */
    @PostMapping("/exports")
    @ApiResponse(
            responseCode = "202",
            description = "The export, queued; built in the background.",
            content = @Content(schema = @Schema(implementation = ExportResponse.class)))
    public ResponseEntity<ExportResponse> startExport(@PathVariable UUID tenantId) {
        ExportResponse export;
        try (var scope = enter(tenantId)) {
            export = exports.start(CurrentUser.id().value());
        }
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/platform/tenants/" + tenantId + "/exports/" + export.id()))
                .body(export);
    }

    @GetMapping("/exports")
    public ExportPage exports(
            @PathVariable UUID tenantId,
            @RequestParam(defaultValue = "" + ExportController.DEFAULT_LIMIT) @Min(1) @Max(ExportController.MAX_LIMIT)
                    int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        try (var scope = enter(tenantId)) {
            return exports.list(limit, cursor);
        }
    }

    @GetMapping("/exports/{id}")
    public ExportResponse export(@PathVariable UUID tenantId, @PathVariable UUID id) {
        try (var scope = enter(tenantId)) {
            return exports.find(id);
        }
    }

    /** The ready export's {@code .ndjson.gz} file; {@code 409 export_not_ready} before. */
    @GetMapping(value = "/exports/{id}/file", produces = AuditExports.CONTENT_TYPE)
    @ProblemResponses(409)
    @ApiResponse(
            responseCode = "200",
            description = "The gzip-compressed NDJSON file.",
            content =
                    @Content(
                            mediaType = AuditExports.CONTENT_TYPE,
                            schema = @Schema(type = "string", format = "binary")))
    public ResponseEntity<Void> exportFile(
            @PathVariable UUID tenantId, @PathVariable UUID id, HttpServletResponse response) throws IOException {
        try (var scope = enter(tenantId)) {
            ExportController.send(exports, id, response);
        }
        return null;
    }

    /**
     * Exports the tenant, then, once the export is ready, closes it (for good, as {@code POST
     * …/close} does) and, with {@code shredKeys}, shreds its data subject keys. {@code 409
     * offboarding_started} when it was started before.
     */
    @PostMapping("/offboarding")
    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    @ProblemResponses(409)
    @ApiResponse(
            responseCode = "202",
            description = "The offboarding, exporting; the tenant is closed once the export is ready.",
            content = @Content(schema = @Schema(implementation = OffboardingResponse.class)))
    public ResponseEntity<OffboardingResponse> offboard(
            @PathVariable UUID tenantId, @Valid @RequestBody(required = false) OffboardingRequest body) {
        TenantId tenant = existing(tenantId);
        OffboardingResponse started = offboardings.start(
                tenant,
                CurrentUser.id().value(),
                body == null ? null : body.reason(),
                body != null && Boolean.TRUE.equals(body.shredKeys()));
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/platform/tenants/" + tenantId + "/offboarding"))
                .body(started);
    }

    @GetMapping("/offboarding")
    public OffboardingResponse offboarding(@PathVariable UUID tenantId) {
        return offboardings.find(existing(tenantId));
    }

    /** Enters the named tenant, on behalf of the platform user; a tenant that is not registered is not found. */
    private TenantContext.Scope enter(UUID tenantId) {
        return TenantContext.enter(existing(tenantId), CurrentUser.id());
    }

    private TenantId existing(UUID tenantId) {
        TenantId tenant = new TenantId(tenantId);
        if (tenant.isPlatform()
                || queries.query(new FindTenantQuery(tenant), ResponseTypes.optionalInstanceOf(TenantResponse.class))
                        .join()
                        .isEmpty()) {
            throw new DomainException(ErrorCode.NOT_FOUND, NO_TENANT);
        }
        return tenant;
    }
}
