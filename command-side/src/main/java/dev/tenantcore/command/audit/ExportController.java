package dev.tenantcore.command.audit;

import dev.tenantcore.api.audit.ExportPage;
import dev.tenantcore.api.audit.ExportResponse;
import dev.tenantcore.infra.security.CurrentUser;
import dev.tenantcore.infra.storage.ObjectStorage;
import dev.tenantcore.infra.web.ProblemResponses;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Full exports of the tenant's history, for its owners and auditors. Starting one is the only
 * request an auditor may send that is not a read (see the security chain's read-only rule): it
 * records no event. Another tenant's export answers exactly as a missing one.
 *
 * <p>The handler methods are public because method security is enforced by a proxy.
 */
@RestController
@RequestMapping("/api/v1/audit/exports")
@PreAuthorize("hasAnyRole('OWNER','AUDITOR')")
class ExportController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final AuditExports exports;

    ExportController(AuditExports exports) {
        this.exports = exports;
    }

    /** Queues a full export of every event of the tenant; follow it at the answer's {@code Location}. */
    @PostMapping
    @ApiResponse(
            responseCode = "202",
            description = "The export, queued; built in the background.",
            content = @Content(schema = @Schema(implementation = ExportResponse.class)))
    public ResponseEntity<ExportResponse> start() {
        ExportResponse export = exports.start(CurrentUser.id().value());
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/audit/exports/" + export.id()))
                .body(export);
    }

    @GetMapping
    public ExportPage list(
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) @Min(1) @Max(MAX_LIMIT) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        return exports.list(limit, cursor);
    }

    /** Its status and progress; the manifest once ready. */
    @GetMapping("/{id}")
    public ExportResponse get(@PathVariable UUID id) {
        return exports.find(id);
    }

    /**
     * The export's file, {@code .ndjson.gz}: one AuditEvent per line, oldest first, gzip-compressed;
     * its SHA-256 is the manifest's. Streamed from the media store. {@code 409 export_not_ready}
     * before it is ready.
     */
    @GetMapping(value = "/{id}/file", produces = AuditExports.CONTENT_TYPE)
    @ProblemResponses(409)
    @ApiResponse(
            responseCode = "200",
            description = "The gzip-compressed NDJSON file.",
            content =
                    @Content(
                            mediaType = AuditExports.CONTENT_TYPE,
                            schema = @Schema(type = "string", format = "binary")))
    public ResponseEntity<Void> file(@PathVariable UUID id, HttpServletResponse response) throws IOException {
        send(exports, id, response);
        return null;
    }

    /** Streams the ready export {@code id} of the current tenant into {@code response}. */
    static void send(AuditExports exports, UUID id, HttpServletResponse response) throws IOException {
        try (ObjectStorage.StoredObject file = exports.open(id)) {
            response.setContentType(AuditExports.CONTENT_TYPE);
            response.setContentLengthLong(file.length());
            response.setHeader("Content-Disposition", "attachment; filename=\"export-" + id + ".ndjson.gz\"");
            response.setHeader("Cache-Control", "no-store");
            try (InputStream in = file.stream()) {
                OutputStream out = response.getOutputStream();
                in.transferTo(out);
                out.flush();
            }
        }
    }
}
