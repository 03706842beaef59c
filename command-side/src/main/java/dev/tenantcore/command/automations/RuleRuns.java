package dev.tenantcore.command.automations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.automations.PublicEvent;
import dev.tenantcore.api.automations.rules.AutomationRuleId;
import dev.tenantcore.api.automations.rules.AutomationRunResponse;
import dev.tenantcore.api.automations.rules.AutomationRunStep;
import dev.tenantcore.api.automations.rules.RuleAction;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The record of rules' runs and their steps ({@code automation_runs}, {@code automation_run_steps}).
 * Call it inside a transaction bound to the run's tenant.
 */
@Component
class RuleRuns {

    /** A run's step as the runner needs it. */
    record Step(
            UUID runId, int position, RuleAction action, String status, UUID commandId, int attempts, Instant dueAt) {}

    /** A run as the runner needs it. */
    record Run(UUID id, AutomationRuleId ruleId, int depth, String status, Map<String, Object> event) {}

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final RunEvents events;

    RuleRuns(JdbcTemplate jdbc, ObjectMapper json, RunEvents events) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
    }

    /**
     * Records the run of {@code rule} for {@code event}, with a step per action when it matched; empty
     * when the rule already has a run for that event (a redelivery).
     */
    Optional<UUID> start(
            RuleDefinitions.Definition rule,
            PublicEvent event,
            int depth,
            String conditionResult,
            String status,
            String error) {
        UUID run = UUID.nameUUIDFromBytes(
                ("automation-run:" + rule.id() + ":" + event.id()).getBytes(StandardCharsets.UTF_8));
        Timestamp now = Timestamp.from(Instant.now());
        int inserted = jdbc.update(
                """
                INSERT INTO automation_runs (tenant_id, id, rule_id, rule_version, event_id, event_type, event,
                                             depth, condition_result, status, error, created_at, updated_at)
                VALUES (app_current_tenant(), ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, rule_id, event_id) DO NOTHING
                """,
                run,
                rule.id().value(),
                rule.version(),
                event.id(),
                event.type().wireName(),
                write(event),
                depth,
                conditionResult,
                status,
                error,
                now,
                now);
        if (inserted == 0) {
            return Optional.empty();
        }
        if ("running".equals(status)) {
            for (int i = 0; i < rule.actions().size(); i++) {
                jdbc.update(
                        """
                        INSERT INTO automation_run_steps (tenant_id, run_id, position, action, status, command_id)
                        VALUES (app_current_tenant(), ?, ?, ?::jsonb, 'pending', ?)
                        """,
                        run,
                        i,
                        writeAction(rule.actions().get(i)),
                        UUID.nameUUIDFromBytes(("automation-step:" + run + ":" + i).getBytes(StandardCharsets.UTF_8)));
            }
            events.started(run, rule, event, depth);
        } else if ("failed".equals(status)) {
            events.failed(run, rule, event, depth, error);
        }
        return Optional.of(run);
    }

    /**
     * The current tenant's steps still to run, in runs that are not over (running or waiting: a
     * waiting run's steps join the queue when it wakes, and many waits can end at once).
     */
    long queuedSteps() {
        Long count = jdbc.queryForObject("""
                SELECT count(*) FROM automation_run_steps s
                  JOIN automation_runs r ON r.tenant_id = s.tenant_id AND r.id = s.run_id
                 WHERE r.status IN ('running', 'waiting') AND s.status IN ('pending', 'running', 'waiting')
                """, Long.class);
        return count == null ? 0 : count;
    }

    /** The run, locked until the transaction ends. */
    Optional<Run> lock(UUID run) {
        return jdbc
                .query(
                        "SELECT id, rule_id, depth, status, event FROM automation_runs WHERE id = ? FOR UPDATE",
                        (rs, row) -> {
                            try {
                                @SuppressWarnings("unchecked")
                                Map<String, Object> event = json.readValue(rs.getString("event"), Map.class);
                                return new Run(
                                        rs.getObject("id", UUID.class),
                                        new AutomationRuleId(rs.getObject("rule_id", UUID.class)),
                                        rs.getInt("depth"),
                                        rs.getString("status"),
                                        event);
                            } catch (JsonProcessingException e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        run)
                .stream()
                .findFirst();
    }

    /** The first step not yet done or skipped. */
    Optional<Step> next(UUID run) {
        return jdbc.query("""
                        SELECT run_id, position, action, status, command_id, attempts, due_at FROM automation_run_steps
                         WHERE run_id = ? AND status NOT IN ('done', 'skipped') ORDER BY position LIMIT 1
                        """, this::step, run).stream().findFirst();
    }

    void runStatus(UUID run, String status, String error) {
        jdbc.update(
                "UPDATE automation_runs SET status = ?, error = ?, updated_at = ? WHERE id = ?",
                status,
                error,
                Timestamp.from(Instant.now()),
                run);
        events.runStatus(run, status, error);
    }

    void stepStatus(UUID run, int position, String status, String error, boolean attempted) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("""
                UPDATE automation_run_steps
                   SET status = ?, error = ?, attempts = attempts + ?,
                       started_at = coalesce(started_at, CAST(? AS timestamptz)),
                       finished_at = CASE WHEN CAST(? AS text) IN ('done', 'skipped', 'failed') THEN CAST(? AS timestamptz) END
                 WHERE run_id = ? AND position = ?
                """, status, error, attempted ? 1 : 0, now, status, now, run, position);
        events.stepStatus(run, position, status, error);
    }

    void waitUntil(UUID run, int position, Instant due) {
        jdbc.update("""
                UPDATE automation_run_steps SET status = 'waiting', due_at = ?, started_at = coalesce(started_at, CAST(? AS timestamptz))
                 WHERE run_id = ? AND position = ?
                """, Timestamp.from(due), Timestamp.from(Instant.now()), run, position);
    }

    /** A parked run's failed step made pending again, its attempts counted afresh. */
    boolean retry(AutomationRuleId rule, UUID run) {
        if (!parked(rule, run)) {
            return false;
        }
        jdbc.update(
                "UPDATE automation_run_steps SET status = 'pending', attempts = 0, error = NULL, finished_at = NULL"
                        + " WHERE run_id = ? AND status = 'failed'",
                run);
        runStatus(run, "running", null);
        return true;
    }

    /** A parked run's failed step skipped: the run goes on with the next. */
    boolean skip(AutomationRuleId rule, UUID run) {
        if (!parked(rule, run)) {
            return false;
        }
        jdbc.update(
                "UPDATE automation_run_steps SET status = 'skipped', finished_at = ? WHERE run_id = ? AND status = 'failed'",
                Timestamp.from(Instant.now()),
                run);
        runStatus(run, "running", null);
        return true;
    }

    private boolean parked(AutomationRuleId rule, UUID run) {
        List<String> status = jdbc.queryForList(
                "SELECT status FROM automation_runs WHERE id = ? AND rule_id = ? FOR UPDATE",
                String.class,
                run,
                rule.value());
        if (status.isEmpty()) {
            throw new dev.tenantcore.api.common.DomainException(
                    dev.tenantcore.api.common.ErrorCode.NOT_FOUND, "The run does not exist.");
        }
        return "parked".equals(status.get(0));
    }

    /** The run as the run log shows it; empty when the rule has no such run. */
    Optional<AutomationRunResponse> find(AutomationRuleId rule, UUID run) {
        return jdbc.query(RUN_COLUMNS + " WHERE id = ? AND rule_id = ?", this::response, run, rule.value()).stream()
                .findFirst();
    }

    /** A page of the rule's runs, newest first, after {@code cursor} (a run's creation instant and id). */
    List<AutomationRunResponse> page(AutomationRuleId rule, Instant beforeAt, UUID beforeId, int limit) {
        if (beforeAt == null) {
            return jdbc.query(
                    RUN_COLUMNS + " WHERE rule_id = ? ORDER BY created_at DESC, id DESC LIMIT ?",
                    this::response,
                    rule.value(),
                    limit);
        }
        return jdbc.query(
                RUN_COLUMNS
                        + " WHERE rule_id = ? AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?",
                this::response,
                rule.value(),
                Timestamp.from(beforeAt),
                beforeId,
                limit);
    }

    private static final String RUN_COLUMNS = "SELECT id, rule_id, rule_version, event_id, event_type, depth,"
            + " condition_result, status, error, created_at, updated_at FROM automation_runs";

    private AutomationRunResponse response(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        return new AutomationRunResponse(
                id,
                new AutomationRuleId(rs.getObject("rule_id", UUID.class)),
                rs.getLong("rule_version"),
                rs.getObject("event_id", UUID.class),
                rs.getString("event_type"),
                rs.getInt("depth"),
                rs.getString("condition_result"),
                rs.getString("status"),
                rs.getString("error"),
                steps(id),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private List<AutomationRunStep> steps(UUID run) {
        return jdbc.query(
                "SELECT * FROM automation_run_steps WHERE run_id = ? ORDER BY position",
                (rs, row) -> new AutomationRunStep(
                        rs.getInt("position"),
                        readAction(rs.getString("action")),
                        rs.getString("status"),
                        rs.getInt("attempts"),
                        instant(rs, "due_at"),
                        instant(rs, "started_at"),
                        instant(rs, "finished_at"),
                        rs.getString("error")),
                run);
    }

    private Step step(ResultSet rs, int row) throws SQLException {
        return new Step(
                rs.getObject("run_id", UUID.class),
                rs.getInt("position"),
                readAction(rs.getString("action")),
                rs.getString("status"),
                rs.getObject("command_id", UUID.class),
                rs.getInt("attempts"),
                instant(rs, "due_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    private RuleAction readAction(String value) {
        try {
            return json.readValue(value, RuleAction.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored action is not JSON", e);
        }
    }

    private String writeAction(RuleAction action) {
        try {
            return json.writerFor(RuleAction.class).writeValueAsString(action);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
