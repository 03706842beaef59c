package dev.tenantcore.command.automations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.automations.rules.AutomationRuleId;
import dev.tenantcore.api.automations.rules.RuleAction;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link RuleDefinitions} on {@code automation_rule_definitions} (a command-side table, under RLS). */
@Component
class JdbcRuleDefinitions implements RuleDefinitions {

    private static final TypeReference<List<RuleAction>> ACTIONS = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final RuleReceivers receivers;

    JdbcRuleDefinitions(JdbcTemplate jdbc, ObjectMapper json, RuleReceivers receivers) {
        this.jdbc = jdbc;
        this.json = json;
        this.receivers = receivers;
    }

    @Override
    public void save(Definition definition) {
        // A rule added or enabled is triggered by the events committed after this.
        receivers.changed();
        jdbc.update(
                """
                INSERT INTO automation_rule_definitions
                       (tenant_id, id, trigger, condition, actions, enabled, version)
                VALUES (app_current_tenant(), ?, ?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (tenant_id, id) DO UPDATE
                   SET trigger = EXCLUDED.trigger, condition = EXCLUDED.condition, actions = EXCLUDED.actions,
                       enabled = EXCLUDED.enabled, version = EXCLUDED.version
                """,
                definition.id().value(),
                definition.trigger(),
                definition.condition(),
                write(definition.actions()),
                definition.enabled(),
                definition.version());
        if (!definition.enabled()) {
            cancelUnderWay(definition.id());
        }
    }

    @Override
    public void deleted(AutomationRuleId id) {
        jdbc.update("DELETE FROM automation_rule_definitions WHERE id = ?", id.value());
        cancelUnderWay(id);
    }

    /** A disabled or deleted rule's runs under way do nothing more; a queued wake-up finds them cancelled. */
    private void cancelUnderWay(AutomationRuleId id) {
        jdbc.update("""
                UPDATE automation_runs SET status = 'cancelled', error = 'The rule was disabled or deleted.',
                       updated_at = now()
                 WHERE rule_id = ? AND status IN ('running', 'waiting')
                """, id.value());
    }

    @Override
    public List<Definition> enabledFor(String trigger) {
        return jdbc.query(
                "SELECT * FROM automation_rule_definitions WHERE trigger = ? AND enabled ORDER BY id",
                this::definition,
                trigger);
    }

    @Override
    public Optional<Definition> find(AutomationRuleId id) {
        return jdbc
                .query("SELECT * FROM automation_rule_definitions WHERE id = ?", this::definition, id.value())
                .stream()
                .findFirst();
    }

    private Definition definition(ResultSet rs, int row) throws SQLException {
        try {
            return new Definition(
                    new AutomationRuleId(rs.getObject("id", UUID.class)),
                    rs.getString("trigger"),
                    rs.getString("condition"),
                    json.readValue(rs.getString("actions"), ACTIONS),
                    rs.getBoolean("enabled"),
                    rs.getLong("version"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rule actions are not JSON", e);
        }
    }

    private String write(List<RuleAction> actions) {
        try {
            return json.writerFor(ACTIONS).writeValueAsString(actions);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
