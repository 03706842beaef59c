package dev.tenantcore.api.automations.rules;

import dev.tenantcore.api.common.TenantId;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A run stopped at a failed step until staff retry or skip it. */
@Revision("1")
public record AutomationRunParkedEvent(
        TenantId tenantId, UUID runId, AutomationRuleId ruleId, int position, String error) {}
