package dev.tenantcore.api.automations.rules;

import dev.tenantcore.api.common.TenantId;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A run's step is done: recorded in the transaction of the command it sent (or, for a wait, when
 * the wait ended), so it commits together with the step's effect or not at all.
 */
@Revision("1")
public record AutomationRunStepDoneEvent(
        TenantId tenantId, UUID runId, AutomationRuleId ruleId, int position, String action, int attempts) {}
