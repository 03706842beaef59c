package dev.tenantcore.query.crm.lead;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tenantcore.api.crm.lead.FindLeadFormByKeyQuery;
import dev.tenantcore.api.crm.lead.FindLeadFormQuery;
import dev.tenantcore.api.crm.lead.LeadFormCreatedEvent;
import dev.tenantcore.api.crm.lead.LeadFormDeletedEvent;
import dev.tenantcore.api.crm.lead.LeadFormField;
import dev.tenantcore.api.crm.lead.LeadFormId;
import dev.tenantcore.api.crm.lead.LeadFormPage;
import dev.tenantcore.api.crm.lead.LeadFormResponse;
import dev.tenantcore.api.crm.lead.LeadFormUpdatedEvent;
import dev.tenantcore.api.crm.lead.ListLeadFormsQuery;
import dev.tenantcore.query.support.KeysetPage;
import dev.tenantcore.query.support.PageCursor;
import dev.tenantcore.query.support.ReadModel;
import dev.tenantcore.query.support.ReadTable;
import dev.tenantcore.query.support.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code lead_forms} in step with the form aggregates and answers form queries, for staff
 * and for the public page that renders a form. Versioned writes make redelivery change nothing;
 * each change is pushed to subscribers of {@link FindLeadFormQuery}.
 */
@Component
@ProcessingGroup("leads")
class LeadFormProjection {

    private static final String TABLE = "lead_forms";
    private static final TypeReference<List<LeadFormField>> FIELDS = new TypeReference<>() {};
    private static final String COLUMNS =
            "id, form_key, name, fields, questions, consent_text, version, created_at, updated_at";

    private final ReadModel store;
    private final ReadTable<LeadFormId> forms;

    LeadFormProjection(ReadModel store) {
        this.store = store;
        this.forms = store.table(TABLE, LeadFormId::value, (id, changed) -> publishIf(changed, id));
    }

    @EventHandler
    void on(LeadFormCreatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        forms.insert(event.tenantId(), event.formId())
                .value("form_key", event.formKey())
                .value("name", event.name())
                .json("fields", event.fields())
                .json("questions", event.questions())
                .value("consent_text", event.consentText())
                .apply(sequence, at);
    }

    @EventHandler
    void on(LeadFormUpdatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        forms.update(event.formId())
                .set("name", event.name())
                .json("fields", event.fields())
                .json("questions", event.questions())
                .set("consent_text", event.consentText())
                .apply(sequence, at);
    }

    @EventHandler
    void on(LeadFormDeletedEvent event) {
        LeadFormId id = event.formId();
        store.delete(TABLE, id.value(), FindLeadFormQuery.class, q -> id.equals(q.formId()));
    }

    @ResetHandler
    void reset() {
        store.reset(TABLE);
    }

    @QueryHandler
    LeadFormResponse handle(FindLeadFormQuery query) {
        return store.findOne(
                "SELECT " + COLUMNS + " FROM lead_forms WHERE id = ?",
                this::toResponse,
                query.formId().value());
    }

    @QueryHandler
    LeadFormResponse handle(FindLeadFormByKeyQuery query) {
        return store.findOne(
                "SELECT " + COLUMNS + " FROM lead_forms WHERE form_key = ? ORDER BY created_at, id LIMIT 1",
                this::toResponse,
                query.formKey());
    }

    /** Oldest first. */
    @QueryHandler
    LeadFormPage handle(ListLeadFormsQuery query) {
        KeysetPage<LeadFormResponse> page = KeysetPage.select(
                        "SELECT " + COLUMNS + " FROM lead_forms", this::toResponse)
                .page(store.jdbc(), query.limit(), query.cursor(), f -> new PageCursor(f.createdAt(), f.id().value()));
        return new LeadFormPage(page.items(), page.nextCursor());
    }

    private void publishIf(boolean changed, LeadFormId id) {
        store.publishIf(
                changed,
                FindLeadFormQuery.class,
                () -> handle(new FindLeadFormQuery(id)),
                (q, row) -> id.equals(q.formId()));
    }

    private LeadFormResponse toResponse(ResultSet rs, int row) throws SQLException {
        return new LeadFormResponse(
                new LeadFormId(rs.getObject("id", UUID.class)),
                rs.getString("form_key"),
                rs.getString("name"),
                store.json().read(rs, "fields", FIELDS),
                store.json().read(rs, "questions", FIELDS),
                rs.getString("consent_text"),
                rs.getLong("version"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}
