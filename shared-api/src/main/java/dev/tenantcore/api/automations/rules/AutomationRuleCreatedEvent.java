package dev.tenantcore.api.automations.rules;

import dev.tenantcore.api.common.TenantId;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A new rule, disabled until it is enabled. */
@Revision("1")
public record AutomationRuleCreatedEvent(
        AutomationRuleId ruleId,
        TenantId tenantId,
        String name,
        String trigger,
        String condition,
        List<RuleAction> actions) {}
