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
    @JsonSubTypes.Type(value = RuleAction.Wait.class, name = "wait")
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
}
