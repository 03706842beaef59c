package dev.tenantcore.command.automations;

import dev.tenantcore.api.automations.PublicEvent;
import dev.tenantcore.api.automations.PublicEventType;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.infra.events.PublicEvents;
import dev.tenantcore.infra.events.WhenReceived;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Starts rules' runs: for each published event ({@link PublicEvents}), the tenant's enabled rules
 * for its type, as {@link RuleDefinitions} has them in the command side's own table, each evaluated
 * and recorded as one run per (rule, event) with the rule version it used. Events no rule is
 * triggered by are skipped before a transaction is opened ({@link RuleReceivers}). A matched run's steps are
 * queued for {@link RuleStepRunner} in the same transaction, so they run once this one commits, on
 * the scheduler's threads, never in this processor.
 *
 * <p>Its own tracking processor, {@code automation-runs}: a slow rule never holds back a projection,
 * and a replay of this processor starts no second run (the run's key is the rule and the event).
 *
 * <p>One tenant cannot fill the step queue: when the tenant already has {@code
 * app.automations.max-queued-steps} steps still to run (in runs running or waiting), a matched rule's new run is recorded as
 * {@code throttled} with the reason and runs nothing (refused rather than delayed: a delayed run
 * would sit in the same queue it is kept out of, and the run log tells staff what was not done).
 *
 * <p>Loops end: commands a run sends carry the run's depth plus one, and so do the events they
 * cause; an event at depth {@value #MAX_DEPTH} or more triggers no rule.
 */
@Component
@ProcessingGroup("automation-runs")
class RuleTriggering {

    static final int MAX_DEPTH = 3;

    private static final Logger log = LoggerFactory.getLogger(RuleTriggering.class);

    private final PublicEvents published;
    private final RuleDefinitions definitions;
    private final RuleRuns runs;
    private final RuleSteps steps;

    private final long maxQueuedSteps;

    RuleTriggering(
            PublicEvents published,
            RuleDefinitions definitions,
            RuleRuns runs,
            RuleSteps steps,
            @Value("${app.automations.max-queued-steps:10000}") long maxQueuedSteps) {
        this.maxQueuedSteps = maxQueuedSteps;
        this.published = published;
        this.definitions = definitions;
        this.runs = runs;
        this.steps = steps;
    }

    @EventHandler
    @WhenReceived(RuleReceivers.class)
    void on(Object payload, EventMessage<?> message) {
        Optional<PublicEventType> type = PublicEvents.typeOf(message);
        if (type.isEmpty() || PublicEvents.tenantOf(message) == null) {
            return;
        }
        int depth = depthOf(message.getMetaData().get(MetadataKeys.AUTOMATION_DEPTH));
        if (depth >= MAX_DEPTH) {
            log.info("event {} is {} runs deep: it triggers no rule", message.getIdentifier(), depth);
            return;
        }
        // The rules are asked before the envelope is built: most events trigger none.
        List<RuleDefinitions.Definition> rules =
                definitions.enabledFor(type.get().wireName());
        if (rules.isEmpty()) {
            return;
        }
        PublicEvent event = published.of(message).orElseThrow();
        for (RuleDefinitions.Definition rule : rules) {
            start(rule, event, depth);
        }
    }

    private void start(RuleDefinitions.Definition rule, PublicEvent event, int depth) {
        String result;
        String status;
        String error = null;
        try {
            boolean matched = rule.condition() == null
                    || RuleConditions.compile(event.type(), rule.condition()).test(event);
            result = matched ? "matched" : "not_matched";
            status = matched ? "running" : "not_matched";
        } catch (RuleConditions.ConditionFailed | RuleConditions.InvalidCondition e) {
            result = "failed";
            status = "failed";
            error = e.getMessage();
        }
        if ("running".equals(status)) {
            long queued = runs.queuedSteps();
            if (queued + rule.actions().size() > maxQueuedSteps) {
                status = "throttled";
                error = "The tenant has " + queued + " automation steps queued (at most " + maxQueuedSteps
                        + "): this run was not started.";
            }
        }
        Optional<UUID> run = runs.start(rule, event, depth, result, status, error);
        if (run.isPresent() && "running".equals(status)) {
            steps.queue(run.get());
        }
    }

    private static int depthOf(Object value) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        if (value != null) {
            try {
                return Integer.parseInt(value.toString());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }
}
