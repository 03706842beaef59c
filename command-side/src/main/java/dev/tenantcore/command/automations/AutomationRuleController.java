package dev.tenantcore.command.automations;

import dev.tenantcore.api.automations.rules.AutomationRuleId;
import dev.tenantcore.api.automations.rules.AutomationRuleResponse;
import dev.tenantcore.api.automations.rules.CreateAutomationRuleCommand;
import dev.tenantcore.api.automations.rules.DeleteAutomationRuleCommand;
import dev.tenantcore.api.automations.rules.DisableAutomationRuleCommand;
import dev.tenantcore.api.automations.rules.EnableAutomationRuleCommand;
import dev.tenantcore.api.automations.rules.FindAutomationRuleQuery;
import dev.tenantcore.api.automations.rules.RuleAction;
import dev.tenantcore.api.automations.rules.UpdateAutomationRuleCommand;
import dev.tenantcore.command.common.CommandHeaders;
import dev.tenantcore.command.common.CommandResource;
import dev.tenantcore.command.common.CommandResponses;
import dev.tenantcore.infra.web.CommandEndpoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Owners and managers write the tenant's automation rules. A condition is compiled and type-checked
 * against the trigger's payload when it is saved: {@code invalid_rule_condition} (422) says at
 * which line and column it fails; an unknown trigger is {@code unknown_event_type} (422).
 */
@RestController
@RequestMapping("/api/v1/automations/rules")
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
class AutomationRuleController {

    private final CommandResource<AutomationRuleId, AutomationRuleResponse> rules;

    AutomationRuleController(CommandResponses responses) {
        this.rules = responses.resource(
                "/api/v1/automations/rules",
                AutomationRuleId::new,
                FindAutomationRuleQuery::new,
                AutomationRuleResponse.class,
                AutomationRuleResponse::version);
    }

    record CreateRuleRequest(
            @NotBlank @Size(max = AutomationRule.NAME_LENGTH)
            String name,

            @NotBlank @Size(max = 100) String trigger,
            @Size(max = RuleConditions.MAX_LENGTH) String condition,
            @NotEmpty @Size(max = RuleActions.MAX) List<RuleAction> actions) {}

    /** A null member keeps what the rule has; an empty {@code condition} removes it. */
    record UpdateRuleRequest(
            @Size(min = 1, max = AutomationRule.NAME_LENGTH) String name,
            @Size(min = 1, max = 100) String trigger,
            @Size(max = RuleConditions.MAX_LENGTH) String condition,
            @Size(min = 1, max = RuleActions.MAX) List<RuleAction> actions) {

        UpdateAutomationRuleCommand toCommand(AutomationRuleId rule, Long expectedVersion) {
            boolean clear = condition != null && condition.isBlank();
            return new UpdateAutomationRuleCommand(
                    rule, expectedVersion, name, trigger, clear ? null : condition, clear, actions);
        }
    }

    /** A new rule, disabled until {@code POST …/enable}. */
    @CommandEndpoint(representation = AutomationRuleResponse.class, creates = true)
    @PostMapping
    ResponseEntity<Object> create(@Valid @RequestBody CreateRuleRequest body, CommandHeaders headers) {
        AutomationRuleId id = AutomationRuleId.random();
        return rules.create(
                id,
                new CreateAutomationRuleCommand(id, body.name(), body.trigger(), body.condition(), body.actions()),
                headers);
    }

    /** Changes the rule; runs already started keep the version they started with. */
    @CommandEndpoint(representation = AutomationRuleResponse.class)
    @PatchMapping("/{id}")
    ResponseEntity<Object> update(
            @PathVariable UUID id, @Valid @RequestBody UpdateRuleRequest body, CommandHeaders headers) {
        return rules.transition(id, headers, body::toCommand);
    }

    @CommandEndpoint(representation = AutomationRuleResponse.class)
    @PostMapping("/{id}/enable")
    ResponseEntity<Object> enable(@PathVariable UUID id, CommandHeaders headers) {
        return rules.transition(id, headers, EnableAutomationRuleCommand::new);
    }

    /** No new runs; runs under way stop at their next step (a wait is cancelled). */
    @CommandEndpoint(representation = AutomationRuleResponse.class)
    @PostMapping("/{id}/disable")
    ResponseEntity<Object> disable(@PathVariable UUID id, CommandHeaders headers) {
        return rules.transition(id, headers, DisableAutomationRuleCommand::new);
    }

    /** Deletes the rule; its history and its runs stay. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, CommandHeaders headers) {
        return rules.remove(id, headers, DeleteAutomationRuleCommand::new);
    }
}
