package dev.tenantcore.command.automations;

import static dev.tenantcore.command.common.CommandFixtures.ACME;
import static dev.tenantcore.command.common.CommandFixtures.GLOBEX;
import static dev.tenantcore.command.common.CommandFixtures.fixtureFor;
import static dev.tenantcore.command.common.CommandFixtures.from;
import static dev.tenantcore.command.common.Refusals.refusal;
import static dev.tenantcore.command.common.Transitions.transition;
import static org.assertj.core.api.Assertions.assertThat;

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
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.command.common.Refusals;
import dev.tenantcore.command.common.Transitions;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

@DisplayName("AutomationRule")
class AutomationRuleTest implements Transitions, Refusals {

    private static final AutomationRuleId RULE = AutomationRuleId.random();
    private static final String BIG_ORDER = "event.data.totals.totalMinor > 10000";
    private static final List<RuleAction> TAG_VIP = List.of(new RuleAction.AddTag("vip"));
    /** The one webhook endpoint the rule's tenant has. */
    private static final java.util.UUID ENDPOINT = java.util.UUID.randomUUID();

    private static final String STAFF = java.util.UUID.randomUUID().toString();

    private final Map<AutomationRuleId, RuleDefinitions.Definition> definitions = new HashMap<>();
    private final FixtureConfiguration<AutomationRule> fixture = fixtureFor(
            AutomationRule.class,
            new RuleDefinitions() {
                @Override
                public void save(Definition definition) {
                    definitions.put(definition.id(), definition);
                }

                @Override
                public void deleted(AutomationRuleId id) {
                    definitions.remove(id);
                }

                @Override
                public List<Definition> enabledFor(String trigger) {
                    return definitions.values().stream()
                            .filter(d -> d.enabled() && d.trigger().equals(trigger))
                            .toList();
                }

                @Override
                public Optional<Definition> find(AutomationRuleId id) {
                    return Optional.ofNullable(definitions.get(id));
                }
            },
            (RuleReferences) ENDPOINT::equals);

    @Override
    public FixtureConfiguration<AutomationRule> fixture() {
        return fixture;
    }

    private static AutomationRuleCreatedEvent created() {
        return new AutomationRuleCreatedEvent(RULE, ACME, "Big orders", "order.placed", BIG_ORDER, TAG_VIP);
    }

    @Test
    @DisplayName("every kind of action is saved as given: email, message, assignment, owner, lead status, webhook")
    void everyActionIsSaved() {
        List<RuleAction> all = List.of(
                new RuleAction.SendEmail("order_confirmation"),
                new RuleAction.SendMessage("Thanks, we are on it"),
                new RuleAction.AssignConversation(STAFF),
                new RuleAction.SetOwner(STAFF),
                new RuleAction.SetLeadStatus("qualified"),
                new RuleAction.CallWebhook(ENDPOINT.toString()));
        fixture.givenNoPriorActivity()
                .when(create("lead.submitted", null, all), from(ACME))
                .expectEvents(new AutomationRuleCreatedEvent(RULE, ACME, "Big orders", "lead.submitted", null, all));
        assertThat(definitions.get(RULE).actions()).isEqualTo(all);
    }

    private static CreateAutomationRuleCommand create(String trigger, String condition, List<RuleAction> actions) {
        return new CreateAutomationRuleCommand(RULE, "Big orders", trigger, condition, actions);
    }

    private static UpdateAutomationRuleCommand update(String trigger, String condition, List<RuleAction> actions) {
        return new UpdateAutomationRuleCommand(RULE, null, null, trigger, condition, false, actions);
    }

    @Test
    @DisplayName("a new rule is created disabled, and its definition is written for runs to find")
    void creates() {
        fixture.givenNoPriorActivity()
                .when(create("order.placed", BIG_ORDER, TAG_VIP), from(ACME))
                .expectEvents(created());
        assertThat(definitions.get(RULE))
                .isEqualTo(new RuleDefinitions.Definition(RULE, "order.placed", BIG_ORDER, TAG_VIP, false, 0));
    }

    @Test
    @DisplayName("enabling writes the enabled definition with the rule's new version")
    void enablingWritesTheDefinition() {
        fixture.given(created())
                .when(new EnableAutomationRuleCommand(RULE, 0L), from(ACME))
                .expectEvents(new AutomationRuleEnabledEvent(RULE))
                .expectResultMessagePayload(1L);
        assertThat(definitions.get(RULE).enabled()).isTrue();
        assertThat(definitions.get(RULE).version()).isEqualTo(1L);
    }

    @Test
    @DisplayName("deleting removes the definition, so no new run starts")
    void deletingRemovesTheDefinition() {
        definitions.put(RULE, new RuleDefinitions.Definition(RULE, "order.placed", null, TAG_VIP, true, 1));
        fixture.given(created(), new AutomationRuleEnabledEvent(RULE))
                .when(new DeleteAutomationRuleCommand(RULE, null), from(ACME))
                .expectEvents(new AutomationRuleDeletedEvent(RULE));
        assertThat(definitions).doesNotContainKey(RULE);
    }

    @Test
    @DisplayName("another tenant's rule behaves as a missing one")
    void anotherTenantsRuleIsMissing() {
        fixture.given(created())
                .when(new EnableAutomationRuleCommand(RULE, null), from(GLOBEX))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    @DisplayName("a stale version is refused")
    void staleVersion() {
        fixture.given(created(), new AutomationRuleEnabledEvent(RULE))
                .when(new DisableAutomationRuleCommand(RULE, 0L), from(ACME))
                .expectNoEvents()
                .expectException(ConflictingAggregateVersionException.class);
    }

    static Stream<Arguments> transitions() {
        List<Object> created = List.of(created());
        List<Object> enabled = List.of(created(), new AutomationRuleEnabledEvent(RULE));
        List<RuleAction> wait = List.of(new RuleAction.Wait("PT5M"), new RuleAction.AddNote("Call back"));
        return Stream.of(
                transition(
                        "a new condition keeps the rest",
                        created,
                        update(null, "event.data.number == 7", null),
                        1L,
                        new AutomationRuleUpdatedEvent(
                                RULE, "Big orders", "order.placed", "event.data.number == 7", TAG_VIP)),
                transition(
                        "new actions keep the rest",
                        created,
                        update(null, null, wait),
                        1L,
                        new AutomationRuleUpdatedEvent(RULE, "Big orders", "order.placed", BIG_ORDER, wait)),
                transition(
                        "clearing the condition makes the rule fire on every event of its trigger",
                        created,
                        new UpdateAutomationRuleCommand(RULE, 0L, null, null, null, true, null),
                        1L,
                        new AutomationRuleUpdatedEvent(RULE, "Big orders", "order.placed", null, TAG_VIP)),
                transition(
                        "a new trigger with a new condition that fits it",
                        created,
                        update("lead.submitted", "event.data.formKey == 'contact'", null),
                        1L,
                        new AutomationRuleUpdatedEvent(
                                RULE, "Big orders", "lead.submitted", "event.data.formKey == 'contact'", TAG_VIP)),
                transition(
                        "the same definition records nothing", created, update("order.placed", BIG_ORDER, TAG_VIP), 0L),
                transition(
                        "enabling",
                        created,
                        new EnableAutomationRuleCommand(RULE, null),
                        1L,
                        new AutomationRuleEnabledEvent(RULE)),
                transition(
                        "enabling an enabled rule records nothing",
                        enabled,
                        new EnableAutomationRuleCommand(RULE, null),
                        1L),
                transition(
                        "disabling",
                        enabled,
                        new DisableAutomationRuleCommand(RULE, 1L),
                        2L,
                        new AutomationRuleDisabledEvent(RULE)),
                transition(
                        "disabling a disabled rule records nothing",
                        created,
                        new DisableAutomationRuleCommand(RULE, null),
                        0L),
                transition(
                        "deleting",
                        enabled,
                        new DeleteAutomationRuleCommand(RULE, null),
                        2L,
                        new AutomationRuleDeletedEvent(RULE)));
    }

    static Stream<Arguments> refusals() {
        List<Object> created = List.of(created());
        return Stream.of(
                refusal(
                        "a blank name is refused as invalid",
                        List.of(),
                        new CreateAutomationRuleCommand(RULE, " ", "order.placed", null, TAG_VIP),
                        ErrorCode.VALIDATION_FAILED),
                refusal(
                        "a trigger outside the catalogue is refused",
                        List.of(),
                        create("order.teleported", null, TAG_VIP),
                        ErrorCode.UNKNOWN_EVENT_TYPE),
                refusal(
                        "a condition that does not parse is refused",
                        List.of(),
                        create("order.placed", "event.data.number >", TAG_VIP),
                        ErrorCode.INVALID_RULE_CONDITION),
                refusal(
                        "a condition on a field the event does not have is refused",
                        List.of(),
                        create("order.placed", "event.data.grandTotal > 1", TAG_VIP),
                        ErrorCode.INVALID_RULE_CONDITION),
                refusal(
                        "a condition comparing a number with text is refused",
                        List.of(),
                        create("order.placed", "event.data.number == 'seven'", TAG_VIP),
                        ErrorCode.INVALID_RULE_CONDITION),
                refusal(
                        "a condition that is not a bool is refused",
                        List.of(),
                        create("order.placed", "event.data.number + 1", TAG_VIP),
                        ErrorCode.INVALID_RULE_CONDITION),
                refusal(
                        "a rule without actions is refused",
                        List.of(),
                        create("order.placed", null, List.of()),
                        ErrorCode.INVALID_RULE_ACTION),
                refusal(
                        "a rule of 21 actions is refused",
                        List.of(),
                        create("order.placed", null, Collections.nCopies(21, new RuleAction.AddTag("vip"))),
                        ErrorCode.INVALID_RULE_ACTION),
                refusal(
                        "a blank tag is refused",
                        List.of(),
                        create("order.placed", null, List.of(new RuleAction.AddTag(" "))),
                        ErrorCode.INVALID_RULE_ACTION),
                refusal(
                        "a wait shorter than five minutes is refused",
                        List.of(),
                        create("order.placed", null, List.of(new RuleAction.Wait("PT1M"))),
                        ErrorCode.INVALID_RULE_ACTION),
                refusal(
                        "a wait longer than thirty days is refused",
                        List.of(),
                        create("order.placed", null, List.of(new RuleAction.Wait("P31D"))),
                        ErrorCode.INVALID_RULE_ACTION),
                refusal(
                        "a wait that is no duration is refused",
                        List.of(),
                        create("order.placed", null, List.of(new RuleAction.Wait("soon"))),
                        ErrorCode.INVALID_RULE_ACTION),
                refusal(
                        "an email template that is not a customer's mail is refused",
                        List.of(),
                        create("order.placed", null, List.of(new RuleAction.SendEmail("password_reset"))),
                        ErrorCode.INVALID_RULE_ACTION),
                refusal(
                        "an unknown email template is refused",
                        List.of(),
                        create("order.placed", null, List.of(new RuleAction.SendEmail("newsletter"))),
                        ErrorCode.INVALID_RULE_ACTION),
                refusal(
                        "a task without a title is refused",
                        List.of(),
                        create("order.placed", null, List.of(new RuleAction.CreateTask(" ", null, null))),
                        ErrorCode.INVALID_RULE_ACTION),
                refusal(
                        "a task due in more than a year is refused",
                        List.of(),
                        create("order.placed", null, List.of(new RuleAction.CreateTask("Call", "P400D", null))),
                        ErrorCode.INVALID_RULE_ACTION),
                refusal(
                        "a task due in no duration is refused",
                        List.of(),
                        create("order.placed", null, List.of(new RuleAction.CreateTask("Call", "tomorrow", null))),
                        ErrorCode.INVALID_RULE_ACTION),
                refusal(
                        "a task assignee that is no id is refused",
                        List.of(),
                        create("order.placed", null, List.of(new RuleAction.CreateTask("Call", "P2D", "ann"))),
                        ErrorCode.INVALID_RULE_ACTION),
                refusal(
                        "a blank message is refused",
                        List.of(),
                        create("order.placed", null, List.of(new RuleAction.SendMessage(" "))),
                        ErrorCode.INVALID_RULE_ACTION),
                refusal(
                        "an assignee that is no user id is refused",
                        List.of(),
                        create("order.placed", null, List.of(new RuleAction.AssignConversation("bob"))),
                        ErrorCode.INVALID_RULE_ACTION),
                refusal(
                        "an owner that is no user id is refused",
                        List.of(),
                        create("order.placed", null, List.of(new RuleAction.SetOwner(null))),
                        ErrorCode.INVALID_RULE_ACTION),
                refusal(
                        "a lead status a rule cannot set is refused",
                        List.of(),
                        create("lead.submitted", null, List.of(new RuleAction.SetLeadStatus("converted"))),
                        ErrorCode.INVALID_RULE_ACTION),
                refusal(
                        "a webhook endpoint the tenant does not have is refused",
                        List.of(),
                        create(
                                "order.placed",
                                null,
                                List.of(new RuleAction.CallWebhook(
                                        java.util.UUID.randomUUID().toString()))),
                        ErrorCode.INVALID_RULE_ACTION),
                refusal(
                        "a webhook endpoint that is no id is refused",
                        created,
                        update(null, null, List.of(new RuleAction.CallWebhook("http://evil.example"))),
                        ErrorCode.INVALID_RULE_ACTION),
                refusal(
                        "a new trigger the old condition does not fit is refused",
                        created,
                        update("lead.submitted", null, null),
                        ErrorCode.INVALID_RULE_CONDITION),
                refusal(
                        "a new condition with an unknown field is refused",
                        created,
                        update(null, "event.data.nope", null),
                        ErrorCode.INVALID_RULE_CONDITION));
    }
}
