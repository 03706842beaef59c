package dev.tenantcore.api.automations.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One step of a rule, run in order when the rule's condition holds. The contact, lead or
 * conversation an action changes is the one the triggering event names ({@code contactId}, {@code
 * leadId}, {@code conversationId}; an order's or payment's buyer is the contact linked to the
 * buyer's account).
 */
// The type is a property of each action too, so a list of actions is written with it whatever the
// declared type (a projection writes a List, whose element type Java erases).
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RuleAction.AddTag.class, name = "add_tag"),
    @JsonSubTypes.Type(value = RuleAction.RemoveTag.class, name = "remove_tag"),
    @JsonSubTypes.Type(value = RuleAction.SetStage.class, name = "set_stage"),
    @JsonSubTypes.Type(value = RuleAction.AddNote.class, name = "add_note"),
    @JsonSubTypes.Type(value = RuleAction.Wait.class, name = "wait"),
    @JsonSubTypes.Type(value = RuleAction.SendEmail.class, name = "send_email"),
    @JsonSubTypes.Type(value = RuleAction.SendMessage.class, name = "send_message"),
    @JsonSubTypes.Type(value = RuleAction.AssignConversation.class, name = "assign_conversation"),
    @JsonSubTypes.Type(value = RuleAction.SetOwner.class, name = "set_owner"),
    @JsonSubTypes.Type(value = RuleAction.SetLeadStatus.class, name = "set_lead_status"),
    @JsonSubTypes.Type(value = RuleAction.CallWebhook.class, name = "call_webhook"),
    @JsonSubTypes.Type(value = RuleAction.CreateTask.class, name = "create_task")
})
public sealed interface RuleAction {

    /** The action's wire name, as in the {@code type} property. */
    @JsonProperty("type")
    String type();

    record AddTag(String tag) implements RuleAction {
        @Override
        public String type() {
            return "add_tag";
        }
    }

    record RemoveTag(String tag) implements RuleAction {
        @Override
        public String type() {
            return "remove_tag";
        }
    }

    record SetStage(String stage) implements RuleAction {
        @Override
        public String type() {
            return "set_stage";
        }
    }

    record AddNote(String text) implements RuleAction {
        @Override
        public String type() {
            return "add_note";
        }
    }

    /** A durable pause before the next step: an ISO-8601 duration from {@code PT5M} to {@code P30D}. */
    record Wait(String duration) implements RuleAction {
        @Override
        public String type() {
            return "wait";
        }
    }

    /**
     * Mails the contact one of the tenant's email templates (the shop's own version where it has one)
     * at the contact's first email address, with the triggering event's data as the model.
     */
    record SendEmail(String template) implements RuleAction {
        @Override
        public String type() {
            return "send_email";
        }
    }

    /**
     * Replies in the triggering event's conversation ({@code message.received}, {@code
     * conversation.*}), through its channel, like staff's replies; for an event that names a contact
     * but no conversation, in the contact's most recently active conversation that is not resolved.
     */
    record SendMessage(String text) implements RuleAction {
        @Override
        public String type() {
            return "send_message";
        }
    }

    /**
     * Gives the triggering event's conversation to a staff member ({@code assigneeId}, a user id);
     * without one, an unassigned conversation goes to the next available staff member in the
     * inbox's round-robin turn.
     */
    record AssignConversation(String assigneeId) implements RuleAction {
        @Override
        public String type() {
            return "assign_conversation";
        }
    }

    /** Makes a staff member ({@code ownerId}, a user id) the contact's owner. */
    record SetOwner(String ownerId) implements RuleAction {
        @Override
        public String type() {
            return "set_owner";
        }
    }

    /** Moves the triggering event's lead to {@code contacted}, {@code qualified} or {@code rejected}. */
    record SetLeadStatus(String status) implements RuleAction {
        @Override
        public String type() {
            return "set_lead_status";
        }
    }

    /**
     * Posts the triggering event's envelope to one of the tenant's outbound webhook endpoints
     * ({@code endpointId}), signed like its other messages, with the step's id as {@code webhook-id}.
     */
    record CallWebhook(String endpointId) implements RuleAction {
        @Override
        public String type() {
            return "call_webhook";
        }
    }

    /**
     * Adds a task to the contact: {@code title}, due {@code dueIn} (an ISO-8601 duration from {@code
     * PT1M} to {@code P365D}) after the step runs when given, assigned to a staff member ({@code
     * assigneeId}, a user id) when given. The step's key is the task's id.
     */
    record CreateTask(String title, String dueIn, String assigneeId) implements RuleAction {
        @Override
        public String type() {
            return "create_task";
        }
    }
}
