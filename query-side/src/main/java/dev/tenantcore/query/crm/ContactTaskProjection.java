package dev.tenantcore.query.crm;

import dev.tenantcore.api.audit.DataSubjectErasedEvent;
import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.ContactDeletedEvent;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.ContactTaskAddedEvent;
import dev.tenantcore.api.crm.ContactTaskCompletedEvent;
import dev.tenantcore.api.crm.ContactTaskPage;
import dev.tenantcore.api.crm.ContactTaskReopenedEvent;
import dev.tenantcore.api.crm.ContactTaskResponse;
import dev.tenantcore.api.crm.ContactTaskUpdatedEvent;
import dev.tenantcore.api.crm.FindContactTaskQuery;
import dev.tenantcore.api.crm.ListContactTasksQuery;
import dev.tenantcore.api.crm.ListTasksQuery;
import dev.tenantcore.query.support.KeysetPage;
import dev.tenantcore.query.support.PageCursor;
import dev.tenantcore.query.support.ReadModel;
import dev.tenantcore.query.support.ReadTable;
import dev.tenantcore.query.support.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code contact_tasks}, one row per task, from the contacts' task events, and answers the
 * task queries: one task, a contact's tasks, and the tenant's tasks by assignee, status and due time.
 *
 * <p>A row's version is its contact's sequence number of the task's last event ({@link
 * dev.tenantcore.query.support.VersionedRows}), so redelivery and replay change nothing. It runs in
 * the {@code crm} processing group with the contacts, so a contact's deletion follows its tasks' events.
 */
@Component
@ProcessingGroup("crm")
class ContactTaskProjection {

    private static final String TABLE = "contact_tasks";
    private static final String COLUMNS = "id, contact_id, title, due_at, assignee_id, status, completed_at,"
            + " completed_by, created_by, version, created_at, updated_at";

    private final ReadModel store;
    private final ReadTable<UUID> tasks;

    ContactTaskProjection(ReadModel store) {
        this.store = store;
        this.tasks = store.table(
                TABLE,
                id -> id,
                (id, changed) -> store.publishIf(
                        changed, FindContactTaskQuery.class, () -> find(id), (q, row) -> id.equals(q.taskId())));
    }

    @EventHandler
    void on(
            ContactTaskAddedEvent event,
            @MetaDataValue(MetadataKeys.TENANT_ID) String tenant,
            @SequenceNumber long sequence,
            @Timestamp Instant at) {
        tasks.insert(TenantId.of(tenant), event.taskId())
                .value("contact_id", event.contactId().value())
                .value("title", event.title())
                .value("due_at", event.dueAt())
                .value("assignee_id", id(event.assigneeId()))
                .value("status", "open")
                .value("created_by", id(event.createdBy()))
                .apply(sequence, at);
    }

    @EventHandler
    void on(ContactTaskUpdatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        tasks.update(event.taskId())
                .set("title", event.title())
                .set("due_at", event.dueAt())
                .set("assignee_id", id(event.assigneeId()))
                .apply(sequence, at);
    }

    @EventHandler
    void on(ContactTaskCompletedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        tasks.transition(event.taskId(), "done")
                .set("completed_at", at)
                .set("completed_by", id(event.completedBy()))
                .apply(sequence, at);
    }

    @EventHandler
    void on(ContactTaskReopenedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        tasks.transition(event.taskId(), "open")
                .set("completed_at", null)
                .set("completed_by", null)
                .apply(sequence, at);
    }

    /** A deleted contact's tasks go with it; whoever waits on one of them learns there is nothing more. */
    @EventHandler
    void on(ContactDeletedEvent event) {
        store.jdbc()
                .update(
                        "DELETE FROM contact_tasks WHERE contact_id = ?",
                        event.contactId().value());
        store.complete(FindContactTaskQuery.class, q -> event.contactId().equals(q.contactId()));
    }

    /** The contact's personal data erased: its tasks' titles read "[erased]"; times, people and status stay. */
    @EventHandler
    void on(DataSubjectErasedEvent event) {
        if (event.subject() != DataSubject.CONTACT) {
            return;
        }
        store.jdbc().update("UPDATE contact_tasks SET title = '[erased]' WHERE contact_id = ?", event.subjectId());
    }

    @ResetHandler
    void reset() {
        store.reset(TABLE);
    }

    @QueryHandler
    ContactTaskResponse handle(FindContactTaskQuery query) {
        ContactTaskResponse task = find(query.taskId());
        return task != null && task.contactId().equals(query.contactId()) ? task : null;
    }

    /** A contact's tasks, oldest first; null (not found) when the tenant has no such contact. */
    @QueryHandler
    ContactTaskPage handle(ListContactTasksQuery query) {
        Boolean known = store.jdbc()
                .queryForObject(
                        "SELECT EXISTS (SELECT 1 FROM contacts WHERE id = ?)",
                        Boolean.class,
                        query.contactId().value());
        if (!Boolean.TRUE.equals(known)) {
            return null;
        }
        return page(
                list().where("contact_id = ?", query.contactId().value()).whereGiven("status = ?", query.status()),
                query.limit(),
                query.cursor());
    }

    @QueryHandler
    ContactTaskPage handle(ListTasksQuery query) {
        return page(
                list().whereGiven("assignee_id = ?", query.assigneeId(), UserId::value)
                        .whereGiven("status = ?", query.status())
                        .whereGiven("due_at < ?", query.dueBefore()),
                query.limit(),
                query.cursor());
    }

    private ContactTaskResponse find(UUID task) {
        return store.findOne("SELECT " + COLUMNS + " FROM contact_tasks WHERE id = ?", this::toResponse, task);
    }

    private KeysetPage.Query<ContactTaskResponse> list() {
        return KeysetPage.select("SELECT " + COLUMNS + " FROM contact_tasks", this::toResponse);
    }

    private ContactTaskPage page(KeysetPage.Query<ContactTaskResponse> list, int limit, String cursor) {
        KeysetPage<ContactTaskResponse> page =
                list.page(store.jdbc(), limit, cursor, t -> new PageCursor(t.createdAt(), t.id()));
        return new ContactTaskPage(page.items(), page.nextCursor());
    }

    private ContactTaskResponse toResponse(ResultSet rs, int row) throws SQLException {
        return new ContactTaskResponse(
                rs.getObject("id", UUID.class),
                new ContactId(rs.getObject("contact_id", UUID.class)),
                rs.getString("title"),
                Sql.instant(rs, "due_at"),
                user(rs, "assignee_id"),
                rs.getString("status"),
                Sql.instant(rs, "completed_at"),
                user(rs, "completed_by"),
                user(rs, "created_by"),
                rs.getLong("version"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }

    private static UserId user(ResultSet rs, String column) throws SQLException {
        UUID id = rs.getObject(column, UUID.class);
        return id == null ? null : new UserId(id);
    }

    private static UUID id(UserId user) {
        return user == null ? null : user.value();
    }
}
