package dev.tenantcore.query.media;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.media.MediaId;
import dev.tenantcore.api.media.MediaObject;
import dev.tenantcore.api.media.MediaObjectQuery;
import dev.tenantcore.infra.storage.ObjectStorage;
import dev.tenantcore.infra.storage.ObjectStorage.StoredObject;
import dev.tenantcore.infra.storage.StorageKeys;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.query.support.ReadQueries;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves a tenant's own stored files to anyone, for the tenant that the request's domain resolves
 * to. It takes a file id and nothing that names a place: no URL, no key, no path, so it can only
 * ever read that tenant's objects (another tenant's id is "not found", as row-level security hides
 * its row). A resized variant is made on its first request and kept in storage beside the
 * original; what is served never changes under its URL, so it is cacheable for good.
 */
@RestController
@RequestMapping("/api/v1/public/media")
class PublicMediaController {

    private static final CacheControl FOREVER =
            CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    /** A file of one tenant: the key of what is remembered, so no tenant ever gets another's entry. */
    private record Known(TenantId tenant, UUID id) {}

    private final ReadQueries queries;
    private final ObjectStorage storage;

    /**
     * Which object an id names, per tenant. A file's object never changes, so an entry is only ever
     * stale once the file is deleted; its objects are removed right after, and an entry whose object
     * is gone is dropped on the spot. Only files found are remembered, so a new upload is served at once.
     */
    private final Cache<Known, MediaObject> known;

    PublicMediaController(
            ReadQueries queries, ObjectStorage storage, @Value("${app.media.lookup-cache-size:10000}") long cacheSize) {
        this.queries = queries;
        this.storage = storage;
        this.known = Caffeine.newBuilder()
                .maximumSize(cacheSize)
                .expireAfterWrite(Duration.ofMinutes(10))
                .build();
    }

    @GetMapping("/{id}")
    @ApiResponse(
            responseCode = "200",
            description = "The file's bytes, or the variant w, h, fit and format ask for. JPEG, PNG and GIF"
                    + " images are served inline; SVG and PDF only as downloads.",
            content = @Content(mediaType = "image/*", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "304", description = "Not modified: the If-None-Match ETag is current.")
    public ResponseEntity<InputStreamResource> get(
            @PathVariable UUID id,
            @RequestParam(required = false) Integer w,
            @RequestParam(required = false) Integer h,
            @RequestParam(required = false) String fit,
            @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch)
            throws IOException {
        Known key = new Known(TenantContext.requireTenant("Files belong to a shop."), id);
        MediaObject file = known.getIfPresent(key);
        if (file == null) {
            file = ReadQueries.found(
                    queries.one(new MediaObjectQuery(new MediaId(id)), MediaObject.class), "The file does not exist.");
            known.put(key, file);
        }
        ImageVariant variant = ImageVariant.of(w, h, fit, format, file.contentType());
        String etag =
                "\"" + file.sha256().substring(0, 32) + (variant == null ? "" : "-" + variant.objectName()) + "\"";
        String type = variant == null ? file.contentType() : variant.contentType();
        if (etag.equals(ifNoneMatch)) {
            return headers(ResponseEntity.status(HttpStatus.NOT_MODIFIED), file, etag, type)
                    .build();
        }
        StoredObject object;
        try {
            object = variant == null ? original(file) : variant(file, variant);
        } catch (DomainException gone) {
            known.invalidate(key);
            throw gone;
        }
        return headers(ResponseEntity.ok(), file, etag, type)
                .contentLength(object.length())
                .body(new InputStreamResource(object.stream()));
    }

    private static ResponseEntity.BodyBuilder headers(
            ResponseEntity.BodyBuilder response, MediaObject file, String etag, String type) {
        response.eTag(etag)
                .cacheControl(FOREVER)
                .contentType(MediaType.parseMediaType(type))
                .header("X-Content-Type-Options", "nosniff");
        if (!ImageTypes.inline(file.contentType())) {
            // Opened from a link, the browser saves it; rendered anyway, it runs nothing.
            response.header(
                            HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.attachment()
                                    .filename(file.id() + "." + ImageTypes.extension(file.contentType()))
                                    .build()
                                    .toString())
                    .header("Content-Security-Policy", "default-src 'none'; sandbox");
        }
        return response;
    }

    private StoredObject original(MediaObject file) throws IOException {
        return storage.open(file.storageKey()).orElseThrow(PublicMediaController::gone);
    }

    /** The stored variant, made and stored first if this is its first request. */
    private StoredObject variant(MediaObject file, ImageVariant variant) throws IOException {
        String key = StorageKeys.folderOf(file.storageKey()) + "variants/" + variant.objectName();
        Optional<StoredObject> stored = storage.open(key);
        if (stored.isPresent()) {
            return stored.get();
        }
        Path temp = Files.createTempFile("tenantcore-variant-", "." + variant.format());
        try {
            try (StoredObject original = original(file);
                    OutputStream out = Files.newOutputStream(temp)) {
                ImageResizer.resize(original.stream(), variant, out);
            } catch (IOException | RuntimeException broken) {
                if (broken instanceof DomainException d) {
                    throw d;
                }
                // Its header was read at upload; its pixels are damaged. Nothing is stored for the variant.
                throw new DomainException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "This image cannot be resized.");
            }
            // Two first requests at once both make it; the second put replaces the first with the same bytes.
            storage.put(key, temp, variant.contentType());
            return storage.open(key).orElseThrow(PublicMediaController::gone);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The row exists but the object does not: the file is being deleted. */
    private static DomainException gone() {
        return new DomainException(ErrorCode.NOT_FOUND, "The file does not exist.");
    }
}
