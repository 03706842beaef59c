package dev.tenantcore.query.crm;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tenantcore.api.audit.DataSubjectErasedEvent;
import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.PostalAddress;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.ChannelHandle;
import dev.tenantcore.api.crm.Consent;
import dev.tenantcore.api.crm.ContactArchivedEvent;
import dev.tenantcore.api.crm.ContactCreatedEvent;
import dev.tenantcore.api.crm.ContactDeletedEvent;
import dev.tenantcore.api.crm.ContactDetails;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.ContactMergedEvent;
import dev.tenantcore.api.crm.ContactMergedIntoEvent;
import dev.tenantcore.api.crm.ContactNote;
import dev.tenantcore.api.crm.ContactNoteAddedEvent;
import dev.tenantcore.api.crm.ContactPage;
import dev.tenantcore.api.crm.ContactResponse;
import dev.tenantcore.api.crm.ContactRestoredEvent;
import dev.tenantcore.api.crm.ContactSort;
import dev.tenantcore.api.crm.ContactTag;
import dev.tenantcore.api.crm.ContactTagList;
import dev.tenantcore.api.crm.ContactTaggedEvent;
import dev.tenantcore.api.crm.ContactTaskAddedEvent;
import dev.tenantcore.api.crm.ContactTaskCompletedEvent;
import dev.tenantcore.api.crm.ContactTaskReopenedEvent;
import dev.tenantcore.api.crm.ContactTaskUpdatedEvent;
import dev.tenantcore.api.crm.ContactUntaggedEvent;
import dev.tenantcore.api.crm.ContactUpdatedEvent;
import dev.tenantcore.api.crm.FindContactQuery;
import dev.tenantcore.api.crm.ListContactTagsQuery;
import dev.tenantcore.api.crm.ListContactsQuery;
import dev.tenantcore.query.support.KeysetPage;
import dev.tenantcore.query.support.PageCursor;
import dev.tenantcore.query.support.PageOrder;
import dev.tenantcore.query.support.ReadModel;
import dev.tenantcore.query.support.ReadTable;
import dev.tenantcore.query.support.Sql;
import dev.tenantcore.query.support.VersionedRows;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code contacts} in step with the contact aggregates and answers contact queries: one
 * contact, pages with filters and text search, and the tenant's tags with their counts.
 *
 * <p>Writes are versioned ({@link VersionedRows}), so redelivery and replay change nothing. Custom
 * field values are stored by field id and shown by the field's current key, read from {@code
 * contact_fields} when answering, so renaming a field rewrites no contact. The table keeps its own
 * {@code search_text} (a trigger), which a trigram index serves.
 */
@Component
@ProcessingGroup("crm")
class ContactProjection {

    private static final String TABLE = "contacts";
    private static final TypeReference<List<Consent>> CONSENTS = new TypeReference<>() {};
    private static final TypeReference<List<ChannelHandle>> HANDLES = new TypeReference<>() {};
    private static final TypeReference<List<ContactNote>> NOTES = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> VALUES = new TypeReference<>() {};
    private static final String COLUMNS = "id, name, company, emails, phones, address, locale, stage, owner_id, source,"
            + " consents, tags, custom_fields, customer_account_id, channel_handles, notes, status, merged_into,"
            + " version, created_at, updated_at";

    private final ReadModel store;
    private final ReadTable<ContactId> contacts;

    ContactProjection(ReadModel store) {
        this.store = store;
        this.contacts = store.table(
                TABLE,
                ContactId::value,
                (id, changed) -> store.publishIf(
                        changed,
                        FindContactQuery.class,
                        () -> handle(new FindContactQuery(id)),
                        (q, row) -> id.equals(q.contactId())));
    }

    @EventHandler
    void on(ContactCreatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        VersionedRows.Insert row = contacts.insert(event.tenantId(), event.contactId())
                .value("status", "active")
                .json("notes", List.of());
        details(event, row::value, row::json, row::texts);
        row.apply(sequence, at);
    }

    @EventHandler
    void on(ContactUpdatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        VersionedRows.Update row = contacts.update(event.contactId());
        details(event, row::set, row::json, row::texts);
        row.apply(sequence, at);
    }

    @EventHandler
    void on(ContactTaggedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        contacts.update(event.contactId())
                .set(
                        "tags",
                        "array_append(array_remove(tags, CAST(? AS text)), CAST(? AS text))",
                        event.tag(),
                        event.tag())
                .apply(sequence, at);
    }

    @EventHandler
    void on(ContactUntaggedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        contacts.update(event.contactId())
                .set("tags", "array_remove(tags, CAST(? AS text))", event.tag())
                .apply(sequence, at);
    }

    @EventHandler
    void on(ContactNoteAddedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        ContactNote note = new ContactNote(event.noteId(), event.text(), event.authorId(), at);
        contacts.update(event.contactId())
                .set("notes", "notes || CAST(? AS jsonb)", store.json().write(List.of(note)))
                .apply(sequence, at);
    }

    /**
     * A task's event moves the contact's version (its {@code ETag}); the tasks themselves are {@code
     * contact_tasks}' ({@link ContactTaskProjection}).
     */
    @EventHandler
    void on(ContactTaskAddedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        touched(event.contactId(), sequence, at);
    }

    @EventHandler
    void on(ContactTaskUpdatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        touched(event.contactId(), sequence, at);
    }

    @EventHandler
    void on(ContactTaskCompletedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        touched(event.contactId(), sequence, at);
    }

    @EventHandler
    void on(ContactTaskReopenedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        touched(event.contactId(), sequence, at);
    }

    private void touched(ContactId id, long sequence, Instant at) {
        contacts.update(id).set("status", "status", new Object[0]).apply(sequence, at);
    }

    @EventHandler
    void on(ContactArchivedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        contacts.set(event.contactId(), "status", "archived", sequence, at);
    }

    @EventHandler
    void on(ContactRestoredEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        contacts.set(event.contactId(), "status", "active", sequence, at);
    }

    /** The survivor's version moves; its new details follow in their own event. */
    @EventHandler
    void on(ContactMergedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        contacts.update(event.contactId())
                .set("status", "status", new Object[0])
                .apply(sequence, at);
    }

    @EventHandler
    void on(ContactMergedIntoEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        contacts.transition(
                event.contactId(), "merged", "merged_into", event.survivorId().value(), sequence, at);
    }

    @EventHandler
    void on(ContactDeletedEvent event) {
        ContactId id = event.contactId();
        store.delete(TABLE, id.value(), FindContactQuery.class, q -> id.equals(q.contactId()));
    }

    @ResetHandler
    void reset() {
        store.reset(TABLE);
    }

    @QueryHandler
    ContactResponse handle(FindContactQuery query) {
        Map<String, String> keys = fieldKeys();
        return store.findOne(
                "SELECT " + COLUMNS + " FROM contacts WHERE id = ?",
                (rs, row) -> toResponse(rs, keys),
                query.contactId().value());
    }

    @QueryHandler
    ContactPage handle(ListContactsQuery query) {
        Map<String, String> keys = fieldKeys();
        KeysetPage.Query<ContactResponse> list = list(keys)
                .where("status = ?", query.status() == null ? "active" : query.status())
                .whereGiven("stage = ?", query.stage())
                .whereGiven("owner_id = ?", query.ownerId(), UserId::value)
                .whereGiven("tags @> ARRAY[CAST(? AS text)]", query.tag())
                .whereGiven("created_at >= ?", query.createdFrom())
                .whereGiven("created_at < ?", query.createdTo())
                .whereGiven("updated_at >= ?", query.updatedFrom())
                .whereGiven("updated_at < ?", query.updatedTo());
        if (query.text() != null && !query.text().isBlank()) {
            ContactSearch.Terms search = ContactSearch.of(store.jdbc(), query.text());
            if (search.candidates() != null) {
                list.where("id = ANY(CAST(? AS uuid[]))", ContactSearch.array(search.candidates()));
            }
            list.where("search_text LIKE ? ESCAPE '\\'", search.pattern());
        }
        if (query.customFieldKey() != null) {
            String field = keys.entrySet().stream()
                    .filter(e -> e.getValue().equals(query.customFieldKey()))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElse(null);
            if (field == null) {
                list.where("FALSE");
            } else {
                String value = query.customFieldValue() == null ? "" : query.customFieldValue();
                list.where(
                        "(custom_fields ->> CAST(? AS text) = ? OR custom_fields -> CAST(? AS text) @> to_jsonb(CAST(? AS text)))",
                        field,
                        value,
                        field,
                        value);
            }
        }
        order(list, query.sort(), query.descending());
        return page(list, query.limit(), query.cursor());
    }

    /**
     * The contact list before its filters, answering contacts as {@code GET /contacts} does: other
     * lists of contacts (a segment's members) add their conditions to it and read it with {@link #page}.
     */
    KeysetPage.Query<ContactResponse> list() {
        return list(fieldKeys());
    }

    private KeysetPage.Query<ContactResponse> list(Map<String, String> keys) {
        return KeysetPage.select("SELECT " + COLUMNS + " FROM contacts", (rs, row) -> toResponse(rs, keys));
    }

    /** One page of {@code list}, with the contact list's cursors. */
    ContactPage page(KeysetPage.Query<ContactResponse> list, int limit, String cursor) {
        KeysetPage<ContactResponse> page =
                list.page(store.jdbc(), limit, cursor, c -> new PageCursor(c.createdAt(), c.id().value()));
        return new ContactPage(page.items(), page.nextCursor());
    }

    /** Creation order is the lists' default and keeps its cursors; the other orders carry their own. */
    private static void order(KeysetPage.Query<ContactResponse> list, ContactSort sort, boolean descending) {
        ContactSort by = sort == null ? ContactSort.CREATED_AT : sort;
        String name = (descending ? "-" : "") + by.name();
        switch (by) {
            case CREATED_AT -> {
                if (descending) {
                    list.newestFirst();
                }
            }
            case UPDATED_AT ->
                list.orderBy(new PageOrder<>(
                        name,
                        "updated_at",
                        PageOrder.Type.TIMESTAMP,
                        descending,
                        c -> c.updatedAt().toString(),
                        c -> c.id().value()));
            case NAME ->
                list.orderBy(new PageOrder<>(
                        name, "name", PageOrder.Type.TEXT, descending, ContactResponse::name, c -> c.id().value()));
        }
    }

    /** The tags of the tenant's active contacts, most used first. */
    @QueryHandler
    ContactTagList handle(ListContactTagsQuery query) {
        return new ContactTagList(
                store.jdbc().query("""
                        SELECT tag, count(*) AS contacts FROM contacts, unnest(tags) AS tag
                         WHERE status = 'active' GROUP BY tag ORDER BY count(*) DESC, tag LIMIT 1000
                        """, (rs, row) -> new ContactTag(rs.getString("tag"), rs.getLong("contacts"))));
    }

    /** The stored details of an event; a tag event never comes here, tags travel with every update. */
    private void details(ContactDetails d, Column value, Column json, TextsColumn texts) {
        value.put("name", d.name());
        value.put("company", d.company());
        texts.put("emails", array(d.emails()));
        texts.put("phones", array(d.phones()));
        json.put("address", d.address());
        value.put("locale", d.locale());
        value.put("stage", d.stage());
        value.put("owner_id", d.ownerId() == null ? null : d.ownerId().value());
        value.put("source", d.source());
        json.put("consents", d.consents() == null ? List.of() : d.consents());
        texts.put("tags", array(d.tags()));
        json.put("custom_fields", d.customFields() == null ? Map.of() : d.customFields());
        value.put(
                "customer_account_id",
                d.customerAccountId() == null ? null : d.customerAccountId().value());
        json.put("channel_handles", d.channelHandles() == null ? List.of() : d.channelHandles());
    }

    @FunctionalInterface
    private interface Column {
        Object put(String column, Object value);
    }

    @FunctionalInterface
    private interface TextsColumn {
        Object put(String column, String[] values);
    }

    private static String[] array(List<String> values) {
        return values == null ? new String[0] : values.toArray(String[]::new);
    }

    /** The current key of each field id of the tenant. */
    private Map<String, String> fieldKeys() {
        Map<String, String> keys = new HashMap<>();
        store.jdbc().query("SELECT id, key FROM contact_fields", rs -> {
            keys.put(rs.getObject("id", UUID.class).toString(), rs.getString("key"));
        });
        return keys;
    }

    private ContactResponse toResponse(ResultSet rs, Map<String, String> keys) throws SQLException {
        Map<String, Object> stored = store.json().read(rs, "custom_fields", VALUES);
        Map<String, Object> fields = new TreeMap<>();
        stored.forEach((id, value) -> {
            String key = keys.get(id);
            if (key != null) {
                fields.put(key, value);
            }
        });
        UUID owner = rs.getObject("owner_id", UUID.class);
        UUID account = rs.getObject("customer_account_id", UUID.class);
        UUID mergedInto = rs.getObject("merged_into", UUID.class);
        return new ContactResponse(
                new ContactId(rs.getObject("id", UUID.class)),
                rs.getString("name"),
                rs.getString("company"),
                texts(rs.getArray("emails")),
                texts(rs.getArray("phones")),
                address(store.json().read(rs, "address", PostalAddress.class)),
                rs.getString("locale"),
                rs.getString("stage"),
                owner == null ? null : new UserId(owner),
                rs.getString("source"),
                store.json().read(rs, "consents", CONSENTS),
                texts(rs.getArray("tags")),
                fields,
                account == null ? null : new UserId(account),
                store.json().read(rs, "channel_handles", HANDLES),
                store.json().read(rs, "notes", NOTES),
                rs.getString("status"),
                mergedInto == null ? null : new ContactId(mergedInto),
                rs.getLong("version"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }

    /**
     * An address is always an object, its fields null when unknown: a null in its place could not be
     * described as "this object or null" to every client's schema validator.
     */
    private static PostalAddress address(PostalAddress stored) {
        return stored != null ? stored : new PostalAddress(null, null, null, null, null, null);
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /**
     * The contact's personal data erased (its key shredded): name, e-mails, phones, address, custom
     * fields, channel handles and notes' texts blank; stage, tags, owner, status and ids stay. The
     * table's search text and search keys follow (triggers), so the old values find nothing.
     */
    @EventHandler
    void on(DataSubjectErasedEvent event) {
        if (event.subject() != DataSubject.CONTACT) {
            return;
        }
        store.jdbc().update("""
                        UPDATE contacts SET name = '[erased]', emails = '{}', phones = '{}', address = NULL,
                               custom_fields = '{}', channel_handles = '[]',
                               notes = (SELECT coalesce(jsonb_agg(n || jsonb_build_object('text', '[erased]')), '[]')
                                          FROM jsonb_array_elements(notes) n)
                         WHERE id = ?
                        """, event.subjectId());
    }
}
