package dev.tenantcore.command.media;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.media.DeleteMediaCommand;
import dev.tenantcore.api.media.FindMediaQuery;
import dev.tenantcore.api.media.MediaAttachment;
import dev.tenantcore.api.media.MediaEntityType;
import dev.tenantcore.api.media.MediaId;
import dev.tenantcore.api.media.MediaResponse;
import dev.tenantcore.api.media.MoveMediaCommand;
import dev.tenantcore.api.media.StoredFile;
import dev.tenantcore.api.media.UpdateMediaCommand;
import dev.tenantcore.api.media.UploadMediaCommand;
import dev.tenantcore.command.common.CommandHeaders;
import dev.tenantcore.command.common.CommandResource;
import dev.tenantcore.command.common.CommandResponses;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.infra.web.CommandEndpoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Uploads and changes of a tenant's files, for its staff. An upload is stored first and recorded
 * second: a file the aggregate then refuses (over quota, say) is removed again, so an object is
 * only ever left without its record by a crash between the two.
 */
@RestController
@RequestMapping("/api/v1/media")
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'STAFF')")
class MediaCommandController {

    private static final TypeReference<Map<String, String>> TEXTS = new TypeReference<>() {};

    private final CommandResource<MediaId, MediaResponse> media;
    private final CommandGateway commands;
    private final MediaUploads uploads;
    private final ObjectMapper json;

    MediaCommandController(
            CommandResponses responses, CommandGateway commands, MediaUploads uploads, ObjectMapper json) {
        this.media = responses.resource(
                "/api/v1/media", MediaId::new, FindMediaQuery::new, MediaResponse.class, MediaResponse::version);
        this.commands = commands;
        this.uploads = uploads;
        this.json = json;
    }

    /**
     * A file as {@code multipart/form-data}: the part {@code file}, and optionally the entity it is
     * shown on ({@code entityType}, {@code entityId}, {@code position}) and {@code alt}, a JSON object
     * of alternative texts by locale.
     */
    @CommandEndpoint(representation = MediaResponse.class, creates = true)
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Object> upload(
            @RequestPart("file") MultipartFile file,
            @RequestParam(required = false) @Size(max = 20) String entityType,
            @RequestParam(required = false) UUID entityId,
            @RequestParam(required = false) @PositiveOrZero @Max(MediaRules.MAX_POSITION) Integer position,
            @RequestParam(required = false) @Size(max = 12_000) String alt,
            CommandHeaders headers)
            throws IOException {
        TenantId tenant = TenantContext.requireTenant("Files belong to a shop.");
        MediaAttachment attachment = attachment(entityType, entityId, position);
        Map<String, String> texts = texts(alt);
        MediaId id = MediaId.random();
        StoredFile stored;
        try (InputStream in = file.getInputStream()) {
            stored = uploads.store(tenant.value(), id.value(), in, file.getOriginalFilename());
        }
        try {
            return media.create(id, new UploadMediaCommand(id, stored, attachment, texts), headers);
        } catch (RuntimeException refused) {
            uploads.discard(tenant.value(), id.value());
            throw refused;
        }
    }

    record UpdateMediaRequest(
            @Size(max = 20) Map<@Size(min = 2, max = 6) String, @NotNull @Size(max = 500) String> alt,
            MediaEntityType entityType,
            UUID entityId,
            @PositiveOrZero @Max(MediaRules.MAX_POSITION) Integer position,
            Boolean detach) {

        UpdateMediaCommand toCommand(MediaId id, Long expectedVersion) {
            MediaAttachment attachment = entityType == null && entityId == null
                    ? null
                    : new MediaAttachment(entityType, entityId, position == null ? 0 : position);
            return new UpdateMediaCommand(id, expectedVersion, alt, attachment, Boolean.TRUE.equals(detach));
        }
    }

    @CommandEndpoint(representation = MediaResponse.class)
    @PatchMapping("/{id}")
    ResponseEntity<Object> update(
            @PathVariable UUID id, @Valid @RequestBody UpdateMediaRequest body, CommandHeaders headers) {
        return media.transition(id, headers, body::toCommand);
    }

    record ReorderRequest(
            @NotNull MediaEntityType entityType,
            @NotNull UUID entityId,
            @NotEmpty @Size(max = 200) List<@NotNull UUID> mediaIds) {}

    /**
     * Puts an entity's files in the given order, each at its index. Each file is its own aggregate,
     * so the moves are separate commands: one refused (a file not shown on that entity) stops the
     * rest, and the ones before it stay done; sending the same order again completes it.
     */
    @PutMapping("/order")
    ResponseEntity<Void> reorder(@Valid @RequestBody ReorderRequest body) {
        if (new LinkedHashSet<>(body.mediaIds()).size() != body.mediaIds().size()) {
            throw Rules.invalid("mediaIds must not repeat a file");
        }
        for (int i = 0; i < body.mediaIds().size(); i++) {
            commands.sendAndWait(
                    new MoveMediaCommand(new MediaId(body.mediaIds().get(i)), body.entityType(), body.entityId(), i));
        }
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, CommandHeaders headers) {
        return media.remove(id, headers, DeleteMediaCommand::new);
    }

    private static MediaAttachment attachment(String entityType, UUID entityId, Integer position) {
        if (entityType == null && entityId == null) {
            if (position != null) {
                throw Rules.invalid("position needs entityType and entityId");
            }
            return null;
        }
        if (entityType == null || entityId == null) {
            throw Rules.invalid("entityType and entityId go together");
        }
        MediaEntityType type;
        try {
            type = MediaEntityType.fromWireName(entityType);
        } catch (IllegalArgumentException e) {
            throw Rules.invalid("entityType must be product, category, tenant_logo, tenant_hero or tenant_banner");
        }
        return new MediaAttachment(type, entityId, position == null ? 0 : position);
    }

    private Map<String, String> texts(String alt) {
        if (alt == null || alt.isBlank()) {
            return Map.of();
        }
        try {
            return MediaRules.alt(json.readValue(alt, TEXTS));
        } catch (JsonProcessingException e) {
            throw Rules.invalid("alt must be a JSON object of texts by locale, such as {\"en\": \"A red mug\"}");
        }
    }
}
