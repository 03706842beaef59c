package dev.tenantcore.command.automations;

import dev.tenantcore.api.automations.PublicEvent;
import dev.tenantcore.api.automations.rules.AutomationRuleId;
import dev.tenantcore.api.automations.rules.AutomationRunFinishedEvent;
import dev.tenantcore.api.automations.rules.AutomationRunParkedEvent;
import dev.tenantcore.api.automations.rules.AutomationRunStartedEvent;
import dev.tenantcore.api.automations.rules.AutomationRunStepDoneEvent;
import dev.tenantcore.api.automations.rules.AutomationRunStepFailedEvent;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts what happens to a run on the event stream, in the transaction that records it in the run log:
 * run started, each step done or failed, run finished or parked ({@code automation.*} in the public
 * catalogue, topic {@code automation_runs}). The run log stays the runner's record; these events are
 * how the rest of the system hears of it without a second mechanism: the live sockets, webhooks and
 * the audit read the same event store as for every other event, on every node, resumable by position.
 *
 * <p>They carry the run's id and depth + 1 in their metadata like the commands the run sends, so a
 * rule triggered by run events stops after {@value RuleTriggering#MAX_DEPTH} rounds as well. They
 * are events of no aggregate (Axon stores such an event under its own id).
 */
@Component
class RunEvents {

    private record Context(TenantId tenant, AutomationRuleId rule, int depth, String action, int attempts) {}

    private final JdbcTemplate jdbc;
    private final ObjectProvider<EventBus> events;

    RunEvents(JdbcTemplate jdbc, ObjectProvider<EventBus> events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    void started(UUID run, RuleDefinitions.Definition rule, PublicEvent trigger, int depth) {
        TenantId tenant = new TenantId(trigger.tenantId());
        publish(
                tenant,
                run,
                depth,
                new AutomationRunStartedEvent(
                        tenant,
                        run,
                        rule.id(),
                        rule.version(),
                        trigger.id(),
                        trigger.type().wireName(),
                        trigger.occurredAt(),
                        depth,
                        rule.actions().size()));
    }

    /** A run that ends as it is recorded: its condition could not be evaluated. */
    void failed(UUID run, RuleDefinitions.Definition rule, PublicEvent trigger, int depth, String error) {
        TenantId tenant = new TenantId(trigger.tenantId());
        publish(tenant, run, depth, new AutomationRunFinishedEvent(tenant, run, rule.id(), "failed", error));
    }

    /** After the run log recorded {@code status} for the run. */
    void runStatus(UUID run, String status, String error) {
        if (!"completed".equals(status) && !"cancelled".equals(status) && !"parked".equals(status)) {
            return;
        }
        Context context = context(run, null);
        if ("parked".equals(status)) {
            Integer position = jdbc
                    .query(
                            "SELECT position FROM automation_run_steps WHERE run_id = ? AND status = 'failed'"
                                    + " ORDER BY position LIMIT 1",
                            (rs, row) -> rs.getInt(1),
                            run)
                    .stream()
                    .findFirst()
                    .orElse(-1);
            publish(
                    context.tenant(),
                    run,
                    context.depth(),
                    new AutomationRunParkedEvent(context.tenant(), run, context.rule(), position, error));
        } else {
            publish(
                    context.tenant(),
                    run,
                    context.depth(),
                    new AutomationRunFinishedEvent(context.tenant(), run, context.rule(), status, error));
        }
    }

    /** After the run log recorded {@code status} for the run's step at {@code position}. */
    void stepStatus(UUID run, int position, String status, String error) {
        boolean done = "done".equals(status);
        boolean failed = "failed".equals(status) || ("pending".equals(status) && error != null);
        if (!done && !failed) {
            return;
        }
        Context context = context(run, position);
        Object event = done
                ? new AutomationRunStepDoneEvent(
                        context.tenant(), run, context.rule(), position, context.action(), context.attempts())
                : new AutomationRunStepFailedEvent(
                        context.tenant(),
                        run,
                        context.rule(),
                        position,
                        context.action(),
                        context.attempts(),
                        error,
                        "pending".equals(status));
        publish(context.tenant(), run, context.depth(), event);
    }

    private Context context(UUID run, Integer position) {
        return jdbc.queryForObject(
                """
                SELECT r.tenant_id, r.rule_id, r.depth, s.action ->> 'type' AS action, s.attempts
                  FROM automation_runs r
                  LEFT JOIN automation_run_steps s ON s.run_id = r.id AND s.position = ?
                 WHERE r.id = ?
                """,
                (rs, row) -> new Context(
                        new TenantId(rs.getObject("tenant_id", UUID.class)),
                        new AutomationRuleId(rs.getObject("rule_id", UUID.class)),
                        rs.getInt("depth"),
                        rs.getString("action"),
                        rs.getInt("attempts")),
                position == null ? -1 : position,
                run);
    }

    private void publish(TenantId tenant, UUID run, int depth, Object event) {
        events.getObject()
                .publish(GenericEventMessage.asEventMessage(event)
                        .andMetaData(Map.of(
                                MetadataKeys.TENANT_ID,
                                tenant.toString(),
                                MetadataKeys.AUTOMATION_RUN_ID,
                                run.toString(),
                                MetadataKeys.AUTOMATION_DEPTH,
                                depth + 1)));
    }
}
