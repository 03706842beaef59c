package dev.tenantcore.command.automations;

import dev.tenantcore.api.automations.rules.RuleAction;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The rules a rule's actions meet when it is saved: at least one and at most {@value #MAX} actions;
 * tags and stages 1-{@value #NAME_LENGTH} characters, notes 1-{@value #NOTE_LENGTH}; a wait an
 * ISO-8601 duration from {@code PT5M} to {@code P30D}.
 */
final class RuleActions {

    static final int MAX = 20;
    static final int NAME_LENGTH = 60;
    static final int NOTE_LENGTH = 2000;
    static final Duration SHORTEST_WAIT = Duration.ofMinutes(5);
    static final Duration LONGEST_WAIT = Duration.ofDays(30);

    private RuleActions() {}

    static List<RuleAction> validated(List<RuleAction> actions) {
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
