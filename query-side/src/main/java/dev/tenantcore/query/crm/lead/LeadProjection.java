package dev.tenantcore.query.crm.lead;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tenantcore.api.audit.DataSubjectErasedEvent;
import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.lead.FindLeadQuery;
import dev.tenantcore.api.crm.lead.LeadConsent;
import dev.tenantcore.api.crm.lead.LeadContactedEvent;
import dev.tenantcore.api.crm.lead.LeadConvertedEvent;
import dev.tenantcore.api.crm.lead.LeadDeletedEvent;
import dev.tenantcore.api.crm.lead.LeadFormId;
import dev.tenantcore.api.crm.lead.LeadId;
import dev.tenantcore.api.crm.lead.LeadNote;
import dev.tenantcore.api.crm.lead.LeadNoteAddedEvent;
import dev.tenantcore.api.crm.lead.LeadOwnerAssignedEvent;
import dev.tenantcore.api.crm.lead.LeadPage;
import dev.tenantcore.api.crm.lead.LeadQualifiedEvent;
import dev.tenantcore.api.crm.lead.LeadRejectedEvent;
import dev.tenantcore.api.crm.lead.LeadResponse;
import dev.tenantcore.api.crm.lead.LeadStatus;
import dev.tenantcore.api.crm.lead.LeadSubmittedEvent;
import dev.tenantcore.api.crm.lead.LeadUpdatedEvent;
import dev.tenantcore.api.crm.lead.ListLeadsQuery;
import dev.tenantcore.query.support.KeysetPage;
import dev.tenantcore.query.support.PageCursor;
import dev.tenantcore.query.support.ReadModel;
import dev.tenantcore.query.support.ReadTable;
import dev.tenantcore.query.support.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code leads} and {@code lead_notes} in step with the lead aggregates and answers lead
 * queries. Idempotent: a lead row changes only for a newer event, and a note row is keyed by its
 * event's sequence number. Every change is pushed to subscribers of {@link FindLeadQuery}.
 */
@Component
@ProcessingGroup("leads")
class LeadProjection {

    private static final String TABLE = "leads";
    private static final TypeReference<Map<String, String>> VALUES = new TypeReference<>() {};
    private static final String COLUMNS = "id, form_id, form_key, status, name, email, phone, message, fields,"
            + " answers, consent, owner_id, contact_id, rejection_reason, version, created_at, updated_at";

    private final ReadModel store;
    private final ReadTable<LeadId> leads;

    LeadProjection(ReadModel store) {
        this.store = store;
        this.leads = store.table(TABLE, LeadId::value, (id, changed) -> publishIf(changed, id));
    }

    @EventHandler
    void on(LeadSubmittedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        leads.insert(event.tenantId(), event.leadId())
                .value("form_id", event.formId().value())
                .value("form_key", event.formKey())
                .value("status", LeadStatus.NEW.wireName())
                .value("name", event.name())
                .value("email", event.email())
                .value("phone", event.phone())
                .value("message", event.message())
                .json("fields", event.fields())
                .json("answers", event.answers())
                .json("consent", event.consent())
                .apply(sequence, at);
    }

    @EventHandler
    void on(LeadUpdatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        leads.update(event.leadId())
                .set("name", event.name())
                .set("email", event.email())
                .set("phone", event.phone())
                .set("message", event.message())
                .apply(sequence, at);
    }

    @EventHandler
    void on(LeadOwnerAssignedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        UserId owner = event.ownerId();
        leads.set(event.leadId(), "owner_id", owner == null ? null : owner.value(), sequence, at);
    }

    /** Written before the lead's row: the row's write announces the lead, notes included. */
    @EventHandler
    void on(LeadNoteAddedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        store.jdbc()
                .update(
                        """
                INSERT INTO lead_notes (tenant_id, lead_id, sequence, text, author_id, at)
                VALUES (app_current_tenant(), ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, lead_id, sequence) DO NOTHING
                """,
                        event.leadId().value(),
                        sequence,
                        event.text(),
                        new SqlParameterValue(
                                Types.OTHER,
                                event.authorId() == null
                                        ? null
                                        : event.authorId().value()),
                        Sql.timestamp(at));
        leads.update(event.leadId()).apply(sequence, at);
    }

    @EventHandler
    void on(LeadContactedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        leads.transition(event.leadId(), LeadStatus.CONTACTED.wireName()).apply(sequence, at);
    }

    @EventHandler
    void on(LeadQualifiedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        leads.transition(event.leadId(), LeadStatus.QUALIFIED.wireName()).apply(sequence, at);
    }

    @EventHandler
    void on(LeadRejectedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        leads.transition(
                event.leadId(), LeadStatus.REJECTED.wireName(), "rejection_reason", event.reason(), sequence, at);
    }

    @EventHandler
    void on(LeadConvertedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        leads.transition(
                event.leadId(),
                LeadStatus.CONVERTED.wireName(),
                "contact_id",
                event.contactId().value(),
                sequence,
                at);
    }

    @EventHandler
    void on(LeadDeletedEvent event) {
        LeadId id = event.leadId();
        store.jdbc().update("DELETE FROM lead_notes WHERE lead_id = ?", id.value());
        store.delete(TABLE, id.value(), FindLeadQuery.class, q -> id.equals(q.leadId()));
    }

    /** Notes are keyed by their events' sequence numbers, so a replay after the reset restores them exactly. */
    @ResetHandler
    void reset() {
        store.reset(TABLE, "lead_notes");
    }

    @QueryHandler
    LeadResponse handle(FindLeadQuery query) {
        return store.findOne(
                "SELECT " + COLUMNS + " FROM leads WHERE id = ?",
                (rs, row) -> toResponse(rs, notes(query.leadId())),
                query.leadId().value());
    }

    /** Newest first, so pages stay stable while leads arrive; notes are in the lead's own answer only. */
    @QueryHandler
    LeadPage handle(ListLeadsQuery query) {
        KeysetPage<LeadResponse> page = KeysetPage.select(
                        "SELECT " + COLUMNS + " FROM leads", (rs, row) -> toResponse(rs, List.of()))
                .whereGiven("status = ?", query.status(), LeadStatus::wireName)
                .whereGiven("owner_id = ?", query.ownerId(), UserId::value)
                .whereGiven("form_id = ?", query.formId(), LeadFormId::value)
                .whereGiven("created_at >= ?", query.createdFrom())
                .whereGiven("created_at < ?", query.createdBefore())
                .newestFirst()
                .page(store.jdbc(), query.limit(), query.cursor(), l -> new PageCursor(l.createdAt(), l.id().value()));
        return new LeadPage(page.items(), page.nextCursor());
    }

    private void publishIf(boolean changed, LeadId id) {
        store.publishIf(
                changed, FindLeadQuery.class, () -> handle(new FindLeadQuery(id)), (q, row) -> id.equals(q.leadId()));
    }

    private List<LeadNote> notes(LeadId id) {
        return store.jdbc()
                .query(
                        "SELECT text, author_id, at FROM lead_notes WHERE lead_id = ? ORDER BY sequence",
                        (rs, row) -> {
                            UUID author = rs.getObject("author_id", UUID.class);
                            return new LeadNote(
                                    rs.getString("text"),
                                    author == null ? null : new UserId(author),
                                    Sql.instant(rs, "at"));
                        },
                        id.value());
    }

    private LeadResponse toResponse(ResultSet rs, List<LeadNote> notes) throws SQLException {
        UUID owner = rs.getObject("owner_id", UUID.class);
        UUID contact = rs.getObject("contact_id", UUID.class);
        LeadConsent consent = store.json().read(rs, "consent", LeadConsent.class);
        return new LeadResponse(
                new LeadId(rs.getObject("id", UUID.class)),
                new LeadFormId(rs.getObject("form_id", UUID.class)),
                rs.getString("form_key"),
                LeadStatus.fromWireName(rs.getString("status")),
                rs.getString("name"),
                rs.getString("email"),
                rs.getString("phone"),
                rs.getString("message"),
                store.json().read(rs, "fields", VALUES),
                store.json().read(rs, "answers", VALUES),
                consent == null ? null : consent.text(),
                consent == null ? null : consent.givenAt(),
                owner == null ? null : new UserId(owner),
                contact == null ? null : new ContactId(contact),
                rs.getString("rejection_reason"),
                notes,
                rs.getLong("version"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }

    /** A lead erased: name, e-mail, phone, message and the form's values blank; status, owner and ids stay. */
    @EventHandler
    void on(DataSubjectErasedEvent event) {
        if (event.subject() != DataSubject.LEAD) {
            return;
        }
        store.jdbc().update("""
                        UPDATE leads SET name = '[erased]', email = '[erased]', phone = '[erased]',
                               message = '[erased]', fields = '{}', answers = '{}'
                         WHERE id = ?
                        """, event.subjectId());
    }
}
