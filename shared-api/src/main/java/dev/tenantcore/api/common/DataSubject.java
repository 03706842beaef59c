package dev.tenantcore.api.common;

import java.util.Locale;
import java.util.Optional;

/**
 * Whose personal data a field of an event holds: a CRM contact, a user account (staff or customer:
 * a customer is a user account, so {@code customer} names the same subject), or a lead (a visitor
 * who submitted a public form). Each subject's personal fields are encrypted under a key of its own.
 */
public enum DataSubject {
    CONTACT,
    USER,
    LEAD;

    /** The name in paths and in the key table. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code contact}, {@code user}, {@code customer} (a user account) or {@code lead}; empty for anything else. */
    public static Optional<DataSubject> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name) {
            case "contact" -> Optional.of(CONTACT);
            case "user", "customer" -> Optional.of(USER);
            case "lead" -> Optional.of(LEAD);
            default -> Optional.empty();
        };
    }
}
