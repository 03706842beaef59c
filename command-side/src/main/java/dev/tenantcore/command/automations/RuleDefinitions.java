package dev.tenantcore.command.automations;

import dev.tenantcore.api.automations.rules.AutomationRuleId;
import dev.tenantcore.api.automations.rules.RuleAction;
import java.util.List;
import java.util.Optional;

/**
 * The command side's own record of each rule as it stands: trigger, condition, actions, whether it
 * is enabled and its version. Rules write it in the same transaction as their events, so the
 * processor that runs rules ({@link RuleTriggering}) finds exactly the rules committed before an
 * event, never a lagging read model's.
 *
 * <p>Call it inside a transaction bound to the tenant (any command or event handler is).
 */
public interface RuleDefinitions {

    record Definition(
            AutomationRuleId id,
            String trigger,
            String condition,
            List<RuleAction> actions,
            boolean enabled,
            long version) {}

    /** Writes the rule as it now stands (a new rule, or a change, enable or disable). */
    void save(Definition definition);

    void deleted(AutomationRuleId id);

    /** The current tenant's enabled rules for one trigger. */
    List<Definition> enabledFor(String trigger);

    Optional<Definition> find(AutomationRuleId id);
}
