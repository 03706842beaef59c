package dev.tenantcore.query.crm;

import dev.tenantcore.api.crm.ContactPage;
import dev.tenantcore.api.crm.CustomFieldType;
import dev.tenantcore.api.crm.segment.FindSegmentQuery;
import dev.tenantcore.api.crm.segment.ListSegmentContactsQuery;
import dev.tenantcore.api.crm.segment.ListSegmentsQuery;
import dev.tenantcore.api.crm.segment.SegmentCreatedEvent;
import dev.tenantcore.api.crm.segment.SegmentDeletedEvent;
import dev.tenantcore.api.crm.segment.SegmentFilter;
import dev.tenantcore.api.crm.segment.SegmentId;
import dev.tenantcore.api.crm.segment.SegmentPage;
import dev.tenantcore.api.crm.segment.SegmentResponse;
import dev.tenantcore.api.crm.segment.SegmentSummary;
import dev.tenantcore.api.crm.segment.SegmentUpdatedEvent;
import dev.tenantcore.query.support.KeysetPage;
import dev.tenantcore.query.support.PageCursor;
import dev.tenantcore.query.support.ReadModel;
import dev.tenantcore.query.support.ReadTable;
import dev.tenantcore.query.support.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
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
 * Keeps {@code segments} in step with the segment aggregates and answers segment queries. A
 * segment's members are never stored: they are the contacts its filter selects when it is read
 * ({@link SegmentFilterSql}), so the count and the pages follow every contact and order change at
 * once, whichever projection saw its event first.
 */
@Component
@ProcessingGroup("crm-segments")
class SegmentProjection {

    private static final String TABLE = "segments";
    private static final String COLUMNS = "id, name, filter, version, created_at, updated_at";

    private final ReadModel store;
    private final ReadTable<SegmentId> segments;
    private final ContactProjection contacts;
    private final SegmentFilterSql filters;

    SegmentProjection(ReadModel store, ContactProjection contacts) {
        this.store = store;
        this.contacts = contacts;
        this.filters = new SegmentFilterSql(store.json());
        this.segments = store.table(
                TABLE,
                SegmentId::value,
                (id, changed) -> store.publishIf(
                        changed,
                        FindSegmentQuery.class,
                        () -> handle(new FindSegmentQuery(id)),
                        (q, row) -> id.equals(q.segmentId())));
    }

    @EventHandler
    void on(SegmentCreatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        segments.insert(event.tenantId(), event.segmentId())
                .value("name", event.name())
                .json("filter", event.filter())
                .apply(sequence, at);
    }

    @EventHandler
    void on(SegmentUpdatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        segments.update(event.segmentId())
                .set("name", event.name())
                .json("filter", event.filter())
                .apply(sequence, at);
    }

    @EventHandler
    void on(SegmentDeletedEvent event) {
        SegmentId id = event.segmentId();
        store.delete(TABLE, id.value(), FindSegmentQuery.class, q -> id.equals(q.segmentId()));
    }

    @ResetHandler
    void reset() {
        store.reset(TABLE);
    }

    /** The segment with the number of its members now. */
    @QueryHandler
    SegmentResponse handle(FindSegmentQuery query) {
        SegmentSummary segment = find(query.segmentId());
        if (segment == null) {
            return null;
        }
        long members = filters.members(
                        KeysetPage.select("SELECT id FROM contacts", (rs, row) -> rs.getObject(1)),
                        segment.filter(),
                        fields())
                .count(store.jdbc());
        return new SegmentResponse(
                segment.id(),
                segment.name(),
                segment.filter(),
                members,
                segment.version(),
                segment.createdAt(),
                segment.updatedAt());
    }

    @QueryHandler
    SegmentPage handle(ListSegmentsQuery query) {
        KeysetPage<SegmentSummary> page = KeysetPage.select("SELECT " + COLUMNS + " FROM segments", this::toSummary)
                .page(store.jdbc(), query.limit(), query.cursor(), s -> new PageCursor(s.createdAt(), s.id().value()));
        return new SegmentPage(page.items(), page.nextCursor());
    }

    /** The segment's members now, in the contact list's shape and order; null when there is no segment. */
    @QueryHandler
    ContactPage handle(ListSegmentContactsQuery query) {
        SegmentSummary segment = find(query.segmentId());
        if (segment == null) {
            return null;
        }
        return contacts.page(
                filters.members(contacts.list(), segment.filter(), fields()), query.limit(), query.cursor());
    }

    private SegmentSummary find(SegmentId id) {
        return store.findOne("SELECT " + COLUMNS + " FROM segments WHERE id = ?", this::toSummary, id.value());
    }

    /** The tenant's custom fields by their current key. */
    private Map<String, SegmentFilterSql.Field> fields() {
        Map<String, SegmentFilterSql.Field> fields = new HashMap<>();
        store.jdbc().query("SELECT id, key, type FROM contact_fields", rs -> {
            fields.put(
                    rs.getString("key"),
                    new SegmentFilterSql.Field(
                            rs.getObject("id", UUID.class).toString(),
                            CustomFieldType.fromWireName(rs.getString("type"))));
        });
        return fields;
    }

    private SegmentSummary toSummary(ResultSet rs, int row) throws SQLException {
        return new SegmentSummary(
                new SegmentId(rs.getObject("id", UUID.class)),
                rs.getString("name"),
                store.json().read(rs, "filter", SegmentFilter.class),
                rs.getLong("version"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}
