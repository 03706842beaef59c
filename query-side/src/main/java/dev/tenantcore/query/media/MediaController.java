package dev.tenantcore.query.media;

import dev.tenantcore.api.media.FindMediaQuery;
import dev.tenantcore.api.media.ListMediaQuery;
import dev.tenantcore.api.media.MediaEntityType;
import dev.tenantcore.api.media.MediaId;
import dev.tenantcore.api.media.MediaPage;
import dev.tenantcore.api.media.MediaResponse;
import dev.tenantcore.query.support.PageSize;
import dev.tenantcore.query.support.ReadQueries;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff read the tenant's files here: all of them newest first, or one entity's in their order.
 * Handler methods are public for the method-security proxy (see the catalogue's controllers).
 */
@RestController
@RequestMapping("/api/v1/media")
@PreAuthorize("hasAnyRole('OWNER','MANAGER','STAFF','AUDITOR')")
class MediaController {

    private final ReadQueries queries;

    MediaController(ReadQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    public MediaPage list(
            @RequestParam(required = false) MediaEntityType entityType,
            @RequestParam(required = false) UUID entityId,
            @RequestParam(defaultValue = "" + PageSize.DEFAULT) @Min(1) @Max(PageSize.MAX) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        if ((entityType == null) != (entityId == null)) {
            throw new dev.tenantcore.api.common.DomainException(
                    dev.tenantcore.api.common.ErrorCode.VALIDATION_FAILED, "entityType and entityId go together.");
        }
        return queries.one(new ListMediaQuery(entityType, entityId, limit, cursor), MediaPage.class);
    }

    @GetMapping("/{id}")
    public ResponseEntity<MediaResponse> get(@PathVariable UUID id) {
        return queries.versioned(
                new FindMediaQuery(new MediaId(id)),
                MediaResponse.class,
                MediaResponse::version,
                "The file does not exist.");
    }
}
