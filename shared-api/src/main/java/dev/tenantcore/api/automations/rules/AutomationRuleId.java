package dev.tenantcore.api.automations.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifies one automation rule of a tenant. */
public record AutomationRuleId(@JsonValue UUID value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public AutomationRuleId {
        Objects.requireNonNull(value, "AutomationRuleId value");
    }

    public static AutomationRuleId random() {
        return new AutomationRuleId(UUID.randomUUID());
    }

    public static AutomationRuleId of(String value) {
        return new AutomationRuleId(UUID.fromString(value));
    }

    /** Axon routes commands by this string, so it must be the bare UUID. */
    @Override
    public String toString() {
        return value.toString();
    }
}
