package dev.tenantcore.api.automations.rules;

import java.util.List;
import org.axonframework.serialization.Revision;

/** The rule as it stands after the change (every field, not only the changed ones). */
@Revision("1")
public record AutomationRuleUpdatedEvent(
        AutomationRuleId ruleId, String name, String trigger, String condition, List<RuleAction> actions) {}
