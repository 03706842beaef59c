package dev.tenantcore.command.identity;

import dev.tenantcore.api.identity.Role;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who may administer whose account inside a tenant. Owners administer every account, and only they
 * make auditors; managers only staff accounts, and they can make nobody more than staff, since a
 * promotion would otherwise let them create the managers and owners they may not create directly.
 * Staff, auditors and customers administer nobody.
 */
final class StaffPolicy {

    /** The roles that accounts administered through the API may have. */
    static final Set<Role> STAFF_ROLES = EnumSet.of(Role.OWNER, Role.MANAGER, Role.STAFF, Role.AUDITOR);

    private StaffPolicy() {}

    /** Whether {@code actor} may create an account with, or give an account, {@code role}. */
    static boolean mayAssign(Role actor, Role role) {
        if (actor == Role.OWNER) {
            return STAFF_ROLES.contains(role);
        }
        return actor == Role.MANAGER && role == Role.STAFF;
    }

    /** Whether {@code actor} may change, deactivate, reactivate or delete an account that has {@code target}. */
    static boolean mayManage(Role actor, Role target) {
        if (actor == Role.OWNER) {
            return target != Role.PLATFORM_ADMIN;
        }
        return actor == Role.MANAGER && target == Role.STAFF;
    }
}
