package dev.tenantcore.query.rebuild;

import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Platform operators rebuild a projection for one tenant, or in full, and follow its progress;
 * platform auditors may follow it too. The security chain admits platform auditors to the
 * platform's reads only; the annotations keep that true if a route moves. Handler methods are
 * public for method security's proxy.
 */
@RestController
@RequestMapping("/api/v1/platform/projections")
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
class ProjectionRebuildController {

    private final ProjectionRebuilds rebuilds;

    ProjectionRebuildController(ProjectionRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    /**
     * {@code name} is the projection's processing group ({@code catalog}, {@code orders}, {@code
     * crm}, …). With {@code tenantId}, that tenant's rows are removed and replayed from its events
     * while everything else keeps serving; without, the projection's processor is reset and replays
     * the whole event store. {@code 404} for an unknown projection or tenant, {@code 409} while a
     * rebuild of it for that tenant (or in full) runs.
     */
    @PostMapping("/{name}/rebuild")
    public ResponseEntity<ProjectionRebuildResponse> rebuild(
            @PathVariable String name, @RequestBody(required = false) ProjectionRebuildRequest request) {
        ProjectionRebuildResponse started = rebuilds.start(name, request == null ? null : request.tenantId());
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/platform/projections/rebuilds/" + started.id()))
                .body(started);
    }

    @GetMapping("/rebuilds/{id}")
    @PreAuthorize("hasAnyRole('PLATFORM_ADMIN','PLATFORM_AUDITOR')")
    public ProjectionRebuildResponse get(@PathVariable UUID id) {
        return rebuilds.find(id);
    }
}
