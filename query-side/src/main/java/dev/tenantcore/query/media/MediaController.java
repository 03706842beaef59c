package dev.tenantcore.query.media;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.media.FindMediaQuery;
import dev.tenantcore.api.media.ListMediaQuery;
import dev.tenantcore.api.media.MediaEntityType;
import dev.tenantcore.api.media.MediaId;
import dev.tenantcore.api.media.MediaPage;
import dev.tenantcore.api.media.MediaResponse;
import dev.tenantcore.infra.storage.ObjectStorage;
import dev.tenantcore.infra.storage.StorageKeys;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.infra.web.ProblemResponses;
import dev.tenantcore.query.support.PageSize;
import dev.tenantcore.query.support.ReadQueries;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
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
    private final ObjectStorage storage;
    private final Duration downloadLifetime;

    MediaController(
            ReadQueries queries,
            ObjectStorage storage,
            @Value("${app.media.download-url-lifetime:PT5M}") Duration downloadLifetime) {
        this.queries = queries;
        this.storage = storage;
        this.downloadLifetime = downloadLifetime;
    }

    /** A link that fetches the file's original bytes straight from the storage, until {@code expiresAt}. */
    record DownloadLink(String url, Instant expiresAt) {}

    /**
     * A short-lived presigned link to the file's original in S3-compatible storage, for large files
     * that should not pass through the API; the file comes as an attachment of its sniffed type. The
     * link is signed, not the caller: anyone holding it can fetch the file until it expires, so it is
     * never cached. With the local directory storage there are no such links: {@code 409
     * download_link_unavailable} (read the file at its {@code url} instead).
     */
    @GetMapping("/{id}/download")
    @ProblemResponses(409)
    public ResponseEntity<DownloadLink> download(@PathVariable UUID id) {
        TenantId tenant = TenantContext.requireTenant("Files belong to a shop.");
        MediaResponse file =
                queries.found(new FindMediaQuery(new MediaId(id)), MediaResponse.class, "The file does not exist.");
        Instant expiresAt = Instant.now().plus(downloadLifetime);
        URI url = storage.presignedGet(
                        StorageKeys.original(tenant.value(), id), downloadLifetime, file.contentType(), file.fileName())
                .orElseThrow(() -> new DomainException(
                        ErrorCode.DOWNLOAD_LINK_UNAVAILABLE,
                        "This installation keeps files in a local directory, which signs no download links;"
                                + " read the file at its url instead."));
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new DownloadLink(url.toString(), expiresAt));
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
