package dev.tenantcore.command.automations;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import dev.tenantcore.api.automations.rules.AutomationRuleCreatedEvent;
import dev.tenantcore.api.automations.rules.AutomationRuleDeletedEvent;
import dev.tenantcore.api.automations.rules.AutomationRuleDisabledEvent;
import dev.tenantcore.api.automations.rules.AutomationRuleEnabledEvent;
import dev.tenantcore.api.automations.rules.AutomationRuleId;
import dev.tenantcore.api.automations.rules.AutomationRuleUpdatedEvent;
import dev.tenantcore.api.automations.rules.CreateAutomationRuleCommand;
import dev.tenantcore.api.automations.rules.DeleteAutomationRuleCommand;
import dev.tenantcore.api.automations.rules.DisableAutomationRuleCommand;
import dev.tenantcore.api.automations.rules.EnableAutomationRuleCommand;
import dev.tenantcore.api.automations.rules.RuleAction;
import dev.tenantcore.api.automations.rules.UpdateAutomationRuleCommand;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.command.common.TenantOwned;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An automation rule: when an event of its trigger is published and its condition holds, its
 * actions run in order.
 *
 * <p>Invariants: the trigger is a published event type; the condition, when there is one, compiles
 * and type-checks against that trigger's payload as a bool ({@link RuleConditions}); the actions
 * meet {@link RuleActions}. A new rule is disabled. Every change is an event, and the rule's version
 * is its aggregate version, which each run records. Each handler writes the rule as it now stands
 * to {@link RuleDefinitions} in the same transaction, which is what runs read.
 */
@Aggregate
public class AutomationRule extends TenantOwned {

    static final int NAME_LENGTH = 100;

    @AggregateIdentifier
    private AutomationRuleId id;

    private String name;
    private String trigger;
    private String condition;
    private List<RuleAction> actions;
    private boolean enabled;

    protected AutomationRule() {}

    @CommandHandler
    public AutomationRule(
            CreateAutomationRuleCommand command,
            @MetaDataValue(MetadataKeys.TENANT_ID) String tenant,
            RuleDefinitions definitions,
            RuleReferences references) {
        String name = Rules.text("name", command.name(), NAME_LENGTH);
        String trigger = checkedTrigger(command.trigger());
        String condition = checkedCondition(trigger, command.condition());
        List<RuleAction> actions = RuleActions.validated(command.actions(), references);
        // A new aggregate's state is set once the constructor returns; its first event is version 0.
        apply(new AutomationRuleCreatedEvent(command.ruleId(), TenantId.of(tenant), name, trigger, condition, actions))
                .andThen(() -> saveTo(definitions, 0L));
    }

    @CommandHandler
    public long handle(UpdateAutomationRuleCommand command, RuleDefinitions definitions, RuleReferences references) {
        String newName = command.name() == null ? name : Rules.text("name", command.name(), NAME_LENGTH);
        String newTrigger = command.trigger() == null ? trigger : checkedTrigger(command.trigger());
        String newCondition;
        if (command.clearCondition()) {
            newCondition = null;
        } else if (command.condition() != null) {
            newCondition = checkedCondition(newTrigger, command.condition());
        } else {
            // The old condition must still type-check against a new trigger's payload.
            newCondition = newTrigger.equals(trigger) ? condition : checkedCondition(newTrigger, condition);
        }
        List<RuleAction> newActions =
                command.actions() == null ? actions : RuleActions.validated(command.actions(), references);
        if (newName.equals(name)
                && newTrigger.equals(trigger)
                && Objects.equals(newCondition, condition)
                && newActions.equals(actions)) {
            return getVersion();
        }
        apply(new AutomationRuleUpdatedEvent(id, newName, newTrigger, newCondition, newActions));
        saveTo(definitions, getVersion());
        return getVersion();
    }

    @CommandHandler
    public long handle(EnableAutomationRuleCommand command, RuleDefinitions definitions) {
        if (!enabled) {
            apply(new AutomationRuleEnabledEvent(id));
            saveTo(definitions, getVersion());
        }
        return getVersion();
    }

    /** Stops new runs; runs under way end at their next step, waits included. */
    @CommandHandler
    public long handle(DisableAutomationRuleCommand command, RuleDefinitions definitions) {
        if (enabled) {
            apply(new AutomationRuleDisabledEvent(id));
            saveTo(definitions, getVersion());
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(DeleteAutomationRuleCommand command, RuleDefinitions definitions) {
        apply(new AutomationRuleDeletedEvent(id));
        definitions.deleted(id);
        return getVersion();
    }

    private static String checkedTrigger(String trigger) {
        return RuleConditions.trigger(trigger).wireName();
    }

    private static String checkedCondition(String trigger, String condition) {
        if (condition == null || condition.isBlank()) {
            return null;
        }
        RuleConditions.compile(RuleConditions.trigger(trigger), condition);
        return condition;
    }

    private void saveTo(RuleDefinitions definitions, long version) {
        definitions.save(new RuleDefinitions.Definition(id, trigger, condition, actions, enabled, version));
    }

    @EventSourcingHandler
    void on(AutomationRuleCreatedEvent event) {
        id = event.ruleId();
        tenantId = event.tenantId();
        name = event.name();
        trigger = event.trigger();
        condition = event.condition();
        actions = event.actions();
        enabled = false;
    }

    @EventSourcingHandler
    void on(AutomationRuleUpdatedEvent event) {
        name = event.name();
        trigger = event.trigger();
        condition = event.condition();
        actions = event.actions();
    }

    @EventSourcingHandler
    void on(AutomationRuleEnabledEvent event) {
        enabled = true;
    }

    @EventSourcingHandler
    void on(AutomationRuleDisabledEvent event) {
        enabled = false;
    }

    @EventSourcingHandler
    void on(AutomationRuleDeletedEvent event) {
        markDeleted();
    }

    @Override
    protected String aggregateId() {
        return String.valueOf(id);
    }
}
