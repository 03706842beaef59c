package dev.tenantcore.query.crm;

import dev.tenantcore.api.crm.CustomFieldDefinedEvent;
import dev.tenantcore.api.crm.CustomFieldId;
import dev.tenantcore.api.crm.CustomFieldList;
import dev.tenantcore.api.crm.CustomFieldRemovedEvent;
import dev.tenantcore.api.crm.CustomFieldRenamedEvent;
import dev.tenantcore.api.crm.CustomFieldResponse;
import dev.tenantcore.api.crm.CustomFieldType;
import dev.tenantcore.api.crm.FindCustomFieldQuery;
import dev.tenantcore.api.crm.ListCustomFieldsQuery;
import dev.tenantcore.query.support.ReadModel;
import dev.tenantcore.query.support.ReadTable;
import dev.tenantcore.query.support.Sql;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Keeps {@code contact_fields}, the tenant's custom field definitions, and answers their queries. */
@Component
@ProcessingGroup("crm")
class CustomFieldProjection {

    private static final String TABLE = "contact_fields";
    private static final String COLUMNS =
            "id, key, label, type, options, required, is_unique, version, created_at, updated_at";

    private final ReadModel store;
    private final ReadTable<CustomFieldId> fields;

    CustomFieldProjection(ReadModel store) {
        this.store = store;
        this.fields = store.table(
                TABLE,
                CustomFieldId::value,
                (id, changed) -> store.publishIf(
                        changed,
                        FindCustomFieldQuery.class,
                        () -> handle(new FindCustomFieldQuery(id)),
                        (q, row) -> id.equals(q.customFieldId())));
    }

    @EventHandler
    void on(CustomFieldDefinedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fields.insert(event.tenantId(), event.customFieldId())
                .value("key", event.key())
                .value("label", event.label())
                .value("type", event.type().wireName())
                .texts("options", event.options().toArray(String[]::new))
                .value("required", event.required())
                .value("is_unique", event.unique())
                .apply(sequence, at);
    }

    @EventHandler
    void on(CustomFieldRenamedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        fields.update(event.customFieldId())
                .set("key", event.key())
                .set("label", event.label())
                .apply(sequence, at);
    }

    @EventHandler
    void on(CustomFieldRemovedEvent event) {
        CustomFieldId id = event.customFieldId();
        store.delete(TABLE, id.value(), FindCustomFieldQuery.class, q -> id.equals(q.customFieldId()));
    }

    @ResetHandler
    void reset() {
        store.reset(TABLE);
    }

    @QueryHandler
    CustomFieldResponse handle(FindCustomFieldQuery query) {
        return store.findOne(
                "SELECT " + COLUMNS + " FROM contact_fields WHERE id = ?",
                CustomFieldProjection::toResponse,
                query.customFieldId().value());
    }

    @QueryHandler
    CustomFieldList handle(ListCustomFieldsQuery query) {
        return new CustomFieldList(store.jdbc()
                .query("SELECT " + COLUMNS + " FROM contact_fields ORDER BY key", CustomFieldProjection::toResponse));
    }

    private static CustomFieldResponse toResponse(ResultSet rs, int row) throws SQLException {
        Array options = rs.getArray("options");
        return new CustomFieldResponse(
                new CustomFieldId(rs.getObject("id", UUID.class)),
                rs.getString("key"),
                rs.getString("label"),
                CustomFieldType.fromWireName(rs.getString("type")),
                options == null ? List.of() : Arrays.asList((String[]) options.getArray()),
                rs.getBoolean("required"),
                rs.getBoolean("is_unique"),
                rs.getLong("version"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}
