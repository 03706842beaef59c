package dev.tenantcore.api.automations.rules;

import dev.tenantcore.api.common.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A rule's condition matched an event and its run starts: {@code steps} actions to run, with the
 * rule as it stood at {@code ruleVersion}. {@code triggeredAt} is the triggering event's own time.
 */
@Revision("1")
public record AutomationRunStartedEvent(
        TenantId tenantId,
        UUID runId,
        AutomationRuleId ruleId,
        long ruleVersion,
        UUID triggerEventId,
        String triggerEventType,
        Instant triggeredAt,
        int depth,
        int steps) {}
