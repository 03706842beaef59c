package dev.tenantcore.api.automations.rules;

import dev.tenantcore.api.common.TenantId;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A run ended: {@code completed} (every step done or skipped), {@code cancelled} (its rule was
 * disabled or deleted meanwhile) or {@code failed} (its condition could not be evaluated).
 */
@Revision("1")
public record AutomationRunFinishedEvent(
        TenantId tenantId, UUID runId, AutomationRuleId ruleId, String status, String error) {}
