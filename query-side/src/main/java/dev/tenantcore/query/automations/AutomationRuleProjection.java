package dev.tenantcore.query.automations;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tenantcore.api.automations.rules.AutomationRuleCreatedEvent;
import dev.tenantcore.api.automations.rules.AutomationRuleDeletedEvent;
import dev.tenantcore.api.automations.rules.AutomationRuleDisabledEvent;
import dev.tenantcore.api.automations.rules.AutomationRuleEnabledEvent;
import dev.tenantcore.api.automations.rules.AutomationRuleId;
import dev.tenantcore.api.automations.rules.AutomationRulePage;
import dev.tenantcore.api.automations.rules.AutomationRuleResponse;
import dev.tenantcore.api.automations.rules.AutomationRuleUpdatedEvent;
import dev.tenantcore.api.automations.rules.FindAutomationRuleQuery;
import dev.tenantcore.api.automations.rules.ListAutomationRulesQuery;
import dev.tenantcore.api.automations.rules.RuleAction;
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

/** Keeps {@code automation_rules} in step with the rule aggregates and answers rule queries. */
@Component
@ProcessingGroup("automation-rules")
class AutomationRuleProjection {

    private static final String TABLE = "automation_rules";
    private static final String COLUMNS =
            "id, name, trigger, condition, actions, enabled, version, created_at, updated_at";
    private static final TypeReference<List<RuleAction>> ACTIONS = new TypeReference<>() {};

    private final ReadModel store;
    private final ReadTable<AutomationRuleId> rules;

    AutomationRuleProjection(ReadModel store) {
        this.store = store;
        this.rules = store.table(
                TABLE,
                AutomationRuleId::value,
                (id, changed) -> store.publishIf(
                        changed,
                        FindAutomationRuleQuery.class,
                        () -> handle(new FindAutomationRuleQuery(id)),
                        (q, row) -> id.equals(q.ruleId())));
    }

    @EventHandler
    void on(AutomationRuleCreatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        rules.insert(event.tenantId(), event.ruleId())
                .value("name", event.name())
                .value("trigger", event.trigger())
                .value("condition", event.condition())
                .json("actions", event.actions())
                .value("enabled", false)
                .apply(sequence, at);
    }

    @EventHandler
    void on(AutomationRuleUpdatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        rules.update(event.ruleId())
                .set("name", event.name())
                .set("trigger", event.trigger())
                .set("condition", event.condition())
                .json("actions", event.actions())
                .apply(sequence, at);
    }

    @EventHandler
    void on(AutomationRuleEnabledEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        rules.update(event.ruleId()).set("enabled", true).apply(sequence, at);
    }

    @EventHandler
    void on(AutomationRuleDisabledEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        rules.update(event.ruleId()).set("enabled", false).apply(sequence, at);
    }

    @EventHandler
    void on(AutomationRuleDeletedEvent event) {
        AutomationRuleId id = event.ruleId();
        store.delete(TABLE, id.value(), FindAutomationRuleQuery.class, q -> id.equals(q.ruleId()));
    }

    @ResetHandler
    void reset() {
        store.reset(TABLE);
    }

    @QueryHandler
    AutomationRuleResponse handle(FindAutomationRuleQuery query) {
        return store.findOne(
                "SELECT " + COLUMNS + " FROM automation_rules WHERE id = ?",
                this::toResponse,
                query.ruleId().value());
    }

    @QueryHandler
    AutomationRulePage handle(ListAutomationRulesQuery query) {
        KeysetPage<AutomationRuleResponse> page = KeysetPage.select(
                        "SELECT " + COLUMNS + " FROM automation_rules", this::toResponse)
                .page(store.jdbc(), query.limit(), query.cursor(), r -> new PageCursor(r.createdAt(), r.id().value()));
        return new AutomationRulePage(page.items(), page.nextCursor());
    }

    private AutomationRuleResponse toResponse(ResultSet rs, int row) throws SQLException {
        return new AutomationRuleResponse(
                new AutomationRuleId(rs.getObject("id", UUID.class)),
                rs.getString("name"),
                rs.getString("trigger"),
                rs.getString("condition"),
                store.json().read(rs, "actions", ACTIONS),
                rs.getBoolean("enabled"),
                rs.getLong("version"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}
