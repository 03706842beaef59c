package dev.tenantcore.api.automations.rules;

import dev.tenantcore.api.common.TenantId;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * An attempt at a run's step failed: {@code retrying} when it will be tried again with back-off,
 * else the step is failed and the run parked (an {@link AutomationRunParkedEvent} follows).
 */
@Revision("1")
public record AutomationRunStepFailedEvent(
        TenantId tenantId,
        UUID runId,
        AutomationRuleId ruleId,
        int position,
        String action,
        int attempts,
        String error,
        boolean retrying) {}
