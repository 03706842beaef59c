package dev.tenantcore.command.automations;

import dev.tenantcore.api.automations.rules.RuleAction;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The rules a rule's actions meet when it is saved: at least one and at most {@value #MAX} actions;
 * tags and stages 1-{@value #NAME_LENGTH} characters, notes 1-{@value #NOTE_LENGTH}; a wait an
 * ISO-8601 duration from {@code PT5M} to {@code P30D}; an email one of {@link #EMAIL_TEMPLATES}; a
 * message 1-{@value #MESSAGE_LENGTH} characters; a task's title 1-{@value #TASK_TITLE_LENGTH} on one
 * line, its {@code dueIn} from {@code PT1M} to {@code P365D}; a user
 * id a UUID; a lead status one a lead can be moved to; a webhook one of the tenant's endpoints. What
 * an action names is looked up in the rule's tenant, so another tenant's endpoint is as
 * unknown as one that does not exist.
 */
final class RuleActions {

    static final int MAX = 20;
    static final int NAME_LENGTH = 60;
    static final int NOTE_LENGTH = 2000;
    static final Duration SHORTEST_WAIT = Duration.ofMinutes(5);
    static final Duration LONGEST_WAIT = Duration.ofDays(30);
    static final int MESSAGE_LENGTH = 4096;
    static final int TASK_TITLE_LENGTH = 500;
    static final Duration SHORTEST_DUE = Duration.ofMinutes(1);
    static final Duration LONGEST_DUE = Duration.ofDays(365);
    /**
     * The templates a rule may mail a contact: those addressed to a customer whose model is the
     * triggering event's data; never a password reset, a verification or a staff notice.
     */
    static final Set<String> EMAIL_TEMPLATES =
            Set.of("lead_confirmation", "order_confirmation", "payment_receipt", "order_shipped", "invoice_issued");
    /** The statuses a rule can move a lead to (converting makes a contact: staff do it). */
    static final Set<String> LEAD_STATUSES = Set.of("contacted", "qualified", "rejected");

    private RuleActions() {}

    static List<RuleAction> validated(List<RuleAction> actions, RuleReferences references) {
        if (actions == null || actions.isEmpty()) {
            throw invalid("A rule needs at least one action.");
        }
        if (actions.size() > MAX) {
            throw invalid("A rule has at most " + MAX + " actions.");
        }
        for (int i = 0; i < actions.size(); i++) {
            RuleAction action = actions.get(i);
            String where = "actions[" + i + "]";
            if (action == null) {
                throw invalid(where + " is missing.");
            } else if (action instanceof RuleAction.AddTag tag) {
                text(where + ".tag", tag.tag(), NAME_LENGTH);
            } else if (action instanceof RuleAction.RemoveTag tag) {
                text(where + ".tag", tag.tag(), NAME_LENGTH);
            } else if (action instanceof RuleAction.SetStage stage) {
                text(where + ".stage", stage.stage(), NAME_LENGTH);
            } else if (action instanceof RuleAction.AddNote note) {
                text(where + ".text", note.text(), NOTE_LENGTH);
            } else if (action instanceof RuleAction.Wait wait) {
                duration(where + ".duration", wait.duration());
            } else if (action instanceof RuleAction.SendEmail email) {
                if (email.template() == null || !EMAIL_TEMPLATES.contains(email.template())) {
                    throw invalid(where + ".template must be one of "
                            + String.join(
                                    ", ", EMAIL_TEMPLATES.stream().sorted().toList()) + ".");
                }
            } else if (action instanceof RuleAction.SendMessage message) {
                if (message.text() == null
                        || message.text().isBlank()
                        || message.text().length() > MESSAGE_LENGTH) {
                    throw invalid(where + ".text must be 1-" + MESSAGE_LENGTH + " characters.");
                }
            } else if (action instanceof RuleAction.AssignConversation assign) {
                if (assign.assigneeId() != null) {
                    uuid(where + ".assigneeId", assign.assigneeId());
                }
            } else if (action instanceof RuleAction.SetOwner owner) {
                uuid(where + ".ownerId", owner.ownerId());
            } else if (action instanceof RuleAction.SetLeadStatus status) {
                if (status.status() == null || !LEAD_STATUSES.contains(status.status())) {
                    throw invalid(where + ".status must be contacted, qualified or rejected.");
                }
            } else if (action instanceof RuleAction.CreateTask task) {
                text(where + ".title", task.title(), TASK_TITLE_LENGTH);
                if (task.dueIn() != null) {
                    dueIn(where + ".dueIn", task.dueIn());
                }
                if (task.assigneeId() != null) {
                    uuid(where + ".assigneeId", task.assigneeId());
                }
            } else if (action instanceof RuleAction.CallWebhook webhook) {
                if (!references.webhookEndpoint(uuid(where + ".endpointId", webhook.endpointId()))) {
                    throw invalid(where + ".endpointId names no webhook endpoint of this tenant.");
                }
            }
        }
        return List.copyOf(actions);
    }

    /** A wait's duration, as validated when the rule was saved. */
    static Duration duration(String where, String value) {
        Duration duration;
        try {
            duration = Duration.parse(value == null ? "" : value);
        } catch (DateTimeParseException e) {
            throw invalid(where + " must be an ISO-8601 duration such as PT5M or P1D.");
        }
        if (duration.compareTo(SHORTEST_WAIT) < 0 || duration.compareTo(LONGEST_WAIT) > 0) {
            throw invalid(where + " must be from PT5M to P30D.");
        }
        return duration;
    }

    /** How long after its step a task is due, as validated when the rule was saved. */
    static Duration dueIn(String where, String value) {
        Duration duration;
        try {
            duration = Duration.parse(value == null ? "" : value);
        } catch (DateTimeParseException e) {
            throw invalid(where + " must be an ISO-8601 duration such as PT4H or P2D.");
        }
        if (duration.compareTo(SHORTEST_DUE) < 0 || duration.compareTo(LONGEST_DUE) > 0) {
            throw invalid(where + " must be from PT1M to P365D.");
        }
        return duration;
    }

    private static UUID uuid(String where, String value) {
        try {
            return UUID.fromString(value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            throw invalid(where + " must be an id (a UUID).");
        }
    }

    private static void text(String where, String value, int max) {
        if (value == null
                || value.isBlank()
                || value.length() > max
                || value.chars().anyMatch(Character::isISOControl)) {
            throw invalid(where + " must be 1-" + max + " characters on one line.");
        }
    }

    private static DomainException invalid(String message) {
        return new DomainException(ErrorCode.INVALID_RULE_ACTION, message);
    }
}
