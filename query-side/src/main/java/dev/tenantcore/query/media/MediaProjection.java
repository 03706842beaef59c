package dev.tenantcore.query.media;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tenantcore.api.media.FindMediaQuery;
import dev.tenantcore.api.media.ListMediaQuery;
import dev.tenantcore.api.media.MediaAttachment;
import dev.tenantcore.api.media.MediaDeletedEvent;
import dev.tenantcore.api.media.MediaEntityType;
import dev.tenantcore.api.media.MediaId;
import dev.tenantcore.api.media.MediaLink;
import dev.tenantcore.api.media.MediaObject;
import dev.tenantcore.api.media.MediaObjectQuery;
import dev.tenantcore.api.media.MediaPage;
import dev.tenantcore.api.media.MediaResponse;
import dev.tenantcore.api.media.MediaUpdatedEvent;
import dev.tenantcore.api.media.MediaUploadedEvent;
import dev.tenantcore.query.support.KeysetPage;
import dev.tenantcore.query.support.PageCursor;
import dev.tenantcore.query.support.PageSize;
import dev.tenantcore.query.support.ReadModel;
import dev.tenantcore.query.support.ReadTable;
import dev.tenantcore.query.support.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code media} in step with the media aggregates and answers media queries. Writes are
 * versioned, so redelivery and replay change nothing; a change is pushed to subscribers of {@link
 * FindMediaQuery}, which is how an upload's response waits until the file is readable.
 */
@Component
@ProcessingGroup("media")
class MediaProjection {

    private static final String TABLE = "media";
    private static final TypeReference<Map<String, String>> TEXTS = new TypeReference<>() {};
    private static final String COLUMNS = "id, content_type, size_bytes, sha256, width, height, file_name,"
            + " entity_type, entity_id, position, alt, version, created_at, updated_at";

    private final ReadModel store;
    private final ReadTable<MediaId> media;

    MediaProjection(ReadModel store) {
        this.store = store;
        this.media = store.table(
                TABLE,
                MediaId::value,
                (id, changed) -> store.publishIf(
                        changed,
                        FindMediaQuery.class,
                        () -> handle(new FindMediaQuery(id)),
                        (q, row) -> id.equals(q.mediaId())));
    }

    @EventHandler
    void on(MediaUploadedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        MediaAttachment attachment = event.attachment();
        media.insert(event.tenantId(), event.mediaId())
                .value("storage_key", event.file().storageKey())
                .value("content_type", event.file().contentType())
                .value("size_bytes", event.file().sizeBytes())
                .value("sha256", event.file().sha256())
                .value("width", event.file().width())
                .value("height", event.file().height())
                .value("file_name", event.file().fileName())
                .value(
                        "entity_type",
                        attachment == null ? null : attachment.entityType().wireName())
                .value("entity_id", attachment == null ? null : attachment.entityId())
                .value("position", attachment == null ? null : attachment.position())
                .json("alt", event.alt() == null ? Map.of() : event.alt())
                .apply(sequence, at);
    }

    @EventHandler
    void on(MediaUpdatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        MediaAttachment attachment = event.attachment();
        media.update(event.mediaId())
                .set(
                        "entity_type",
                        attachment == null ? null : attachment.entityType().wireName())
                .set("entity_id", attachment == null ? null : attachment.entityId())
                .set("position", attachment == null ? null : attachment.position())
                .json("alt", event.alt() == null ? Map.of() : event.alt())
                .apply(sequence, at);
    }

    @EventHandler
    void on(MediaDeletedEvent event) {
        MediaId id = event.mediaId();
        store.delete(TABLE, id.value(), FindMediaQuery.class, q -> id.equals(q.mediaId()));
    }

    @ResetHandler
    void reset() {
        store.reset(TABLE);
    }

    @QueryHandler
    MediaResponse handle(FindMediaQuery query) {
        return store.findOne(
                "SELECT " + COLUMNS + " FROM media WHERE id = ?",
                this::toResponse,
                query.mediaId().value());
    }

    @QueryHandler
    MediaObject handle(MediaObjectQuery query) {
        return store.findOne(
                "SELECT id, storage_key, content_type, sha256 FROM media WHERE id = ?",
                (rs, row) -> new MediaObject(
                        new MediaId(rs.getObject("id", UUID.class)),
                        rs.getString("storage_key"),
                        rs.getString("content_type"),
                        rs.getString("sha256")),
                query.mediaId().value());
    }

    /**
     * An entity's files in their order (one page: an entity has few); without an entity, every file
     * of the tenant, newest first, page by page.
     */
    @QueryHandler
    MediaPage handle(ListMediaQuery query) {
        if (query.entityType() != null) {
            var files = store.jdbc()
                    .query(
                            "SELECT " + COLUMNS + " FROM media WHERE entity_type = ? AND entity_id = ?"
                                    + " ORDER BY position, created_at, id LIMIT ?",
                            this::toResponse,
                            query.entityType().wireName(),
                            query.entityId(),
                            PageSize.of(query.limit()));
            return new MediaPage(files, null);
        }
        KeysetPage<MediaResponse> page = KeysetPage.select("SELECT " + COLUMNS + " FROM media", this::toResponse)
                .newestFirst()
                .page(store.jdbc(), query.limit(), query.cursor(), r -> new PageCursor(r.createdAt(), r.id().value()));
        return new MediaPage(page.items(), page.nextCursor());
    }

    private MediaResponse toResponse(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        String entityType = rs.getString("entity_type");
        return new MediaResponse(
                new MediaId(id),
                rs.getString("content_type"),
                rs.getLong("size_bytes"),
                rs.getString("sha256"),
                rs.getObject("width", Integer.class),
                rs.getObject("height", Integer.class),
                rs.getString("file_name"),
                entityType == null ? null : MediaEntityType.fromWireName(entityType),
                rs.getObject("entity_id", UUID.class),
                rs.getObject("position", Integer.class),
                store.json().read(rs, "alt", TEXTS),
                MediaLink.url(new MediaId(id)),
                rs.getLong("version"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}
