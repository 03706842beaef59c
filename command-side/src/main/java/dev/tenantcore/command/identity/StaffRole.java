package dev.tenantcore.command.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.tenantcore.api.identity.Role;
import java.util.Locale;

/** The roles that the staff endpoints accept; any other value in a request is refused as invalid. */
enum StaffRole {
    OWNER(Role.OWNER),
    MANAGER(Role.MANAGER),
    STAFF(Role.STAFF),
    AUDITOR(Role.AUDITOR);

    private final Role role;

    StaffRole(Role role) {
        this.role = role;
    }

    Role role() {
        return role;
    }

    @JsonValue
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    static StaffRole fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
