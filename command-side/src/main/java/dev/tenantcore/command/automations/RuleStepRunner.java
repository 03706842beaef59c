package dev.tenantcore.command.automations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.tenantcore.api.automations.rules.RuleAction;
import dev.tenantcore.api.automations.webhooks.WebhookEndpointId;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorDetails;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.AddContactNoteCommand;
import dev.tenantcore.api.crm.AddContactTaskCommand;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.MailContactCommand;
import dev.tenantcore.api.crm.TagContactCommand;
import dev.tenantcore.api.crm.UntagContactCommand;
import dev.tenantcore.api.crm.UpdateContactCommand;
import dev.tenantcore.api.crm.conversation.AssignConversationCommand;
import dev.tenantcore.api.crm.conversation.AssignConversationInTurnCommand;
import dev.tenantcore.api.crm.conversation.ConversationId;
import dev.tenantcore.api.crm.conversation.MessageId;
import dev.tenantcore.api.crm.conversation.SendMessageCommand;
import dev.tenantcore.api.crm.lead.LeadId;
import dev.tenantcore.api.crm.lead.MarkLeadContactedCommand;
import dev.tenantcore.api.crm.lead.QualifyLeadCommand;
import dev.tenantcore.api.crm.lead.RejectLeadCommand;
import dev.tenantcore.command.automations.webhooks.RuleWebhookCalls;
import dev.tenantcore.command.common.ContactConversations;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a run's steps in order on a scheduler thread, in the run's tenant.
 *
 * <p>Never twice: a step is claimed ({@code running}, an attempt counted) and committed before its
 * side effect; the command it sends carries the step's key as its message id (and as the id of what
 * it creates, a note's, a task's or a message's), and the step is marked {@code done} in the transaction of that command, so
 * the event and the step's end commit together or not at all. A redelivered task finds the step
 * done and goes on with the next.
 *
 * <p>A refusal by the target (a stage the tenant does not have, the CRM switched off) parks the run
 * at once with the refusal; any other failure (the contact not made yet, the database away) is tried
 * again with back-off, {@value #MAX_ATTEMPTS} attempts in all, then parks the run. Staff retry or
 * skip a parked step ({@code POST …/runs/{id}/retry}, {@code …/skip}).
 *
 * <p>A wait ends this task and queues the next wake-up at its due time. A run whose rule was disabled
 * or deleted is cancelled and does nothing more.
 */
@Component
class RuleStepRunner {

    static final int MAX_ATTEMPTS = 5;
    static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    /** Steps one task runs before it yields its thread to other tenants' runs. */
    static final int STEPS_PER_TURN = 5;

    private static final Logger log = LoggerFactory.getLogger(RuleStepRunner.class);

    private final RuleRuns runs;
    private final RuleDefinitions definitions;
    private final ObjectProvider<RuleSteps> steps;
    private final ObjectProvider<CommandGateway> commands;
    private final TransactionTemplate tx;
    private final RuleWebhookCalls webhooks;
    private final ObjectMapper json;
    private final ContactConversations conversations;

    RuleStepRunner(
            RuleRuns runs,
            RuleDefinitions definitions,
            ObjectProvider<RuleSteps> steps,
            ObjectProvider<CommandGateway> commands,
            PlatformTransactionManager transactionManager,
            RuleWebhookCalls webhooks,
            ObjectMapper json,
            ContactConversations conversations) {
        this.conversations = conversations;
        this.runs = runs;
        this.definitions = definitions;
        this.steps = steps;
        this.commands = commands;
        this.webhooks = webhooks;
        this.json = json;
        this.tx = new TransactionTemplate(transactionManager);
    }

    OneTimeTask<RuleSteps.Due> task() {
        return new OneTimeTask<>(
                RuleSteps.TASK,
                RuleSteps.Due.class,
                new FailureHandler.MaxRetriesFailureHandler<>(
                        MAX_ATTEMPTS + 1, new FailureHandler.ExponentialBackoffFailureHandler<>(FIRST_RETRY))) {
            @Override
            public void executeOnce(TaskInstance<RuleSteps.Due> instance, ExecutionContext context) {
                run(instance.getData());
            }
        };
    }

    /** Goes on with the run; throws to have db-scheduler try again later. */
    void run(RuleSteps.Due due) {
        TenantId tenant = TenantId.of(due.tenantId());
        UUID run = UUID.fromString(due.runId());
        try (var scope = TenantContext.enter(tenant, null)) {
            for (int turn = 0; turn < STEPS_PER_TURN; turn++) {
                if (!step(run)) {
                    return;
                }
            }
            // Not finished: the rest of the run waits its turn behind other runs that are due.
            tx.executeWithoutResult(s -> steps.getObject().at(run, Instant.now(), "turn-" + UUID.randomUUID()));
        }
    }

    /** One step; whether the run goes on at once. */
    private boolean step(UUID run) {
        Claim claim = tx.execute(s -> claim(run));
        if (claim == null || claim.step() == null) {
            return false;
        }
        RuleRuns.Step step = claim.step();
        try {
            tx.executeWithoutResult(s -> {
                runs.stepStatus(run, step.position(), "done", null, false);
                send(claim.run(), step);
            });
            return true;
        } catch (RuntimeException e) {
            boolean refused = refusal(e);
            String error = message(e);
            boolean park = refused || step.attempts() + 1 >= MAX_ATTEMPTS;
            tx.executeWithoutResult(s -> {
                runs.stepStatus(run, step.position(), park ? "failed" : "pending", error, false);
                if (park) {
                    runs.runStatus(run, "parked", error);
                }
            });
            if (park) {
                log.info("automation run {} parked at step {}: {}", run, step.position(), error);
                return false;
            }
            throw e;
        }
    }

    private record Claim(RuleRuns.Run run, RuleRuns.Step step) {}

    /**
     * Under the run's lock: the next step to execute, claimed; null when there is none now (the run is
     * over, cancelled, parked, or waiting), after recording why.
     */
    private Claim claim(UUID id) {
        Optional<RuleRuns.Run> found = runs.lock(id);
        if (found.isEmpty()
                || !("running".equals(found.get().status())
                        || "waiting".equals(found.get().status()))) {
            return null;
        }
        RuleRuns.Run run = found.get();
        if (definitions
                .find(run.ruleId())
                .filter(RuleDefinitions.Definition::enabled)
                .isEmpty()) {
            runs.runStatus(id, "cancelled", "The rule was disabled or deleted.");
            return null;
        }
        Optional<RuleRuns.Step> next = runs.next(id);
        if (next.isEmpty()) {
            runs.runStatus(id, "completed", null);
            return null;
        }
        RuleRuns.Step step = next.get();
        if (step.action() instanceof RuleAction.Wait wait) {
            if ("waiting".equals(step.status())) {
                if (step.dueAt() != null && step.dueAt().isAfter(Instant.now())) {
                    // Woken early (a retry, a turn): the wake-up at the due time stays queued.
                    return null;
                }
                runs.stepStatus(id, step.position(), "done", null, false);
                runs.runStatus(id, "running", null);
                return claim(id);
            }
            Instant due = Instant.now().plus(RuleActions.duration("wait", wait.duration()));
            runs.waitUntil(id, step.position(), due);
            runs.runStatus(id, "waiting", null);
            steps.getObject().at(id, due, "wait-" + step.position());
            return null;
        }
        runs.stepStatus(id, step.position(), "running", null, true);
        return new Claim(
                run,
                new RuleRuns.Step(
                        step.runId(),
                        step.position(),
                        step.action(),
                        "running",
                        step.commandId(),
                        step.attempts(),
                        null));
    }

    private void send(RuleRuns.Run run, RuleRuns.Step step) {
        if (step.action() instanceof RuleAction.CallWebhook call) {
            // Not a command: a message on the webhook outbox, in this transaction with the step's end.
            webhooks.call(
                    WebhookEndpointId.of(call.endpointId()),
                    step.commandId(),
                    String.valueOf(run.event().get("type")),
                    envelope(run.event()));
            return;
        }
        Object command = command(run, step, conversations);
        MetaData metaData = MetaData.with(
                        MetadataKeys.AUTOMATION_RUN_ID, run.id().toString())
                .and(MetadataKeys.AUTOMATION_DEPTH, run.depth() + 1);
        // The step's key is the command's message id: the same step always sends the same message.
        commands.getObject()
                .sendAndWait(new GenericCommandMessage<>(
                        new org.axonframework.messaging.GenericMessage<>(
                                step.commandId().toString(), command, metaData),
                        command.getClass().getName()));
    }

    private static Object command(RuleRuns.Run run, RuleRuns.Step step, ContactConversations conversations) {
        RuleAction action = step.action();
        if (action instanceof RuleAction.SendMessage message) {
            // The step's key is the message's id: the conversation records one message per id.
            return new SendMessageCommand(
                    messageConversation(run.event(), conversations),
                    new MessageId(step.commandId()),
                    message.text(),
                    null,
                    null);
        }
        if (action instanceof RuleAction.AssignConversation assign) {
            return assign.assigneeId() == null
                    ? new AssignConversationInTurnCommand(conversationOf(run.event()))
                    : new AssignConversationCommand(conversationOf(run.event()), null, UserId.of(assign.assigneeId()));
        }
        if (action instanceof RuleAction.SetLeadStatus status) {
            LeadId lead = leadOf(run.event());
            return switch (status.status()) {
                case "contacted" -> new MarkLeadContactedCommand(lead, null);
                case "qualified" -> new QualifyLeadCommand(lead, null);
                default -> new RejectLeadCommand(lead, null, null);
            };
        }
        ContactId contact = contactOf(run.event());
        if (action instanceof RuleAction.SendEmail email) {
            Object data = run.event().get("data");
            Map<String, Object> model = new java.util.HashMap<>();
            if (data instanceof Map<?, ?> fields) {
                fields.forEach((k, v) -> model.put(String.valueOf(k), v));
            }
            return new MailContactCommand(contact, step.commandId(), email.template(), model);
        }
        if (action instanceof RuleAction.SetOwner owner) {
            return new UpdateContactCommand(
                    contact,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    UserId.of(owner.ownerId()),
                    false,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        if (action instanceof RuleAction.AddTag tag) {
            return new TagContactCommand(contact, null, tag.tag());
        }
        if (action instanceof RuleAction.RemoveTag tag) {
            return new UntagContactCommand(contact, null, tag.tag());
        }
        if (action instanceof RuleAction.AddNote note) {
            return new AddContactNoteCommand(contact, step.commandId(), note.text());
        }
        if (action instanceof RuleAction.CreateTask task) {
            // The step's key is the task's id: the contact records one task per id.
            return new AddContactTaskCommand(
                    contact,
                    step.commandId(),
                    task.title(),
                    task.dueIn() == null ? null : Instant.now().plus(RuleActions.dueIn("dueIn", task.dueIn())),
                    task.assigneeId() == null ? null : UserId.of(task.assigneeId()));
        }
        if (action instanceof RuleAction.SetStage stage) {
            return new UpdateContactCommand(
                    contact,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    stage.stage(),
                    null,
                    false,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        throw new DomainException(
                dev.tenantcore.api.common.ErrorCode.INVALID_RULE_ACTION, "This action cannot run: " + action.type());
    }

    /**
     * The contact the triggering event names: its {@code contactId}, else the contact of its buyer's
     * account ({@code customerId}), which the CRM makes from the account.
     */
    static ContactId contactOf(Map<String, Object> event) {
        Object data = event.get("data");
        if (data instanceof Map<?, ?> fields) {
            Object contact = fields.get("contactId");
            if (contact != null) {
                return ContactId.of(contact.toString());
            }
            Object customer = fields.get("customerId");
            if (customer != null) {
                return ContactId.forCustomerAccount(UserId.of(customer.toString()));
            }
        }
        throw new DomainException(
                dev.tenantcore.api.common.ErrorCode.INVALID_RULE_ACTION, "The triggering event names no contact.");
    }

    /** The conversation the triggering event names ({@code conversationId}). */
    static ConversationId conversationOf(Map<String, Object> event) {
        return ConversationId.of(field(event, "conversationId", "conversation"));
    }

    /**
     * Where a message goes: the triggering event's conversation, else (an event that names a contact
     * but no conversation) the contact's conversation that is not resolved and had a message last, from
     * the command side's {@link ContactConversations}. A contact without one refuses the step, which
     * parks the run: asking again would not find one.
     */
    static ConversationId messageConversation(Map<String, Object> event, ContactConversations conversations) {
        if (event.get("data") instanceof Map<?, ?> fields && fields.get("conversationId") != null) {
            return ConversationId.of(fields.get("conversationId").toString());
        }
        ContactId contact = contactOf(event);
        return conversations
                .latestOpen(contact)
                .orElseThrow(() -> new DomainException(
                        dev.tenantcore.api.common.ErrorCode.INVALID_STATE,
                        "The contact " + contact + " has no open conversation to send the message into."));
    }

    /** The lead the triggering event names ({@code leadId}). */
    static LeadId leadOf(Map<String, Object> event) {
        return LeadId.of(field(event, "leadId", "lead"));
    }

    private static String field(Map<String, Object> event, String name, String what) {
        if (event.get("data") instanceof Map<?, ?> fields && fields.get(name) != null) {
            return fields.get(name).toString();
        }
        throw new DomainException(
                dev.tenantcore.api.common.ErrorCode.INVALID_RULE_ACTION, "The triggering event names no " + what + ".");
    }

    private String envelope(Map<String, Object> event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A decision of the target, which asking again would not change. */
    private static boolean refusal(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DomainException refused) {
                return refused.code() != dev.tenantcore.api.common.ErrorCode.NOT_FOUND;
            }
            if (cause instanceof CommandExecutionException executed
                    && executed.getDetails()
                            .filter(ErrorDetails.class::isInstance)
                            .isPresent()) {
                ErrorDetails details = (ErrorDetails) executed.getDetails().get();
                return details.code() != dev.tenantcore.api.common.ErrorCode.NOT_FOUND;
            }
        }
        return false;
    }

    private static String message(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CommandExecutionException executed
                    && executed.getDetails()
                            .filter(ErrorDetails.class::isInstance)
                            .isPresent()) {
                ErrorDetails details = (ErrorDetails) executed.getDetails().get();
                return details.code().code() + ": " + details.detail();
            }
            if (cause instanceof DomainException refused) {
                return refused.code().code() + ": " + refused.getMessage();
            }
        }
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}
