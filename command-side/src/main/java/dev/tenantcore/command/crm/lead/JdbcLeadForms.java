package dev.tenantcore.command.crm.lead;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.crm.lead.LeadFormId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link LeadForms} on the row-level-secured {@code lead_form_definitions} table, the definition as JSON. */
@Component
class JdbcLeadForms implements LeadForms {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    JdbcLeadForms(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void saved(LeadFormDefinition form) {
        jdbc.update("""
                INSERT INTO lead_form_definitions (tenant_id, form_id, form_key, definition)
                VALUES (app_current_tenant(), ?, ?, CAST(? AS jsonb))
                ON CONFLICT (tenant_id, form_id) DO UPDATE
                   SET form_key = EXCLUDED.form_key, definition = EXCLUDED.definition
                """, form.id().value(), form.key(), write(form));
    }

    @Override
    public void removed(LeadFormId form) {
        jdbc.update("DELETE FROM lead_form_definitions WHERE form_id = ?", form.value());
    }

    @Override
    public Optional<LeadFormDefinition> byKey(String formKey) {
        List<String> found = jdbc.queryForList(
                "SELECT definition::text FROM lead_form_definitions WHERE form_key = ?", String.class, formKey);
        return found.stream().findFirst().map(this::read);
    }

    private String write(LeadFormDefinition form) {
        try {
            return json.writeValueAsString(form);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a form definition could not be written as JSON", e);
        }
    }

    private LeadFormDefinition read(String text) {
        try {
            return json.readValue(text, LeadFormDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored form definition could not be read", e);
        }
    }
}
