package dev.tenantcore.command.identity;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link SignInCredentials} on a map, standing in for the {@code user_credentials} table in
 * aggregate tests. Rows belong to the tenant bound in {@link TenantContext}, as the
 * row-level-secured rows belong to {@code app_current_tenant()}; a change to an account without a
 * row changes nothing, as an UPDATE that matches no row.
 */
final class InMemorySignInCredentials implements SignInCredentials {

    record Row(String email, String displayName, String passwordHash, Role role, boolean active, long version) {

        Row withActive(boolean changed) {
            return new Row(email, displayName, passwordHash, role, changed, version);
        }
    }

    private final Map<TenantId, Map<UserId, Row>> rows = new HashMap<>();
    private final Map<UserId, Boolean> suspensions = new HashMap<>();

    @Override
    public void registered(UserId user, String email, String displayName, String passwordHash, Role role) {
        ofCurrentTenant().put(user, new Row(email, displayName, passwordHash, role, true, 0));
    }

    @Override
    public void passwordChanged(UserId user, String passwordHash, long version) {
        ofCurrentTenant()
                .computeIfPresent(
                        user,
                        (id, r) -> new Row(r.email(), r.displayName(), passwordHash, r.role(), r.active(), version));
    }

    @Override
    public void activated(UserId user, boolean active, long version) {
        ofCurrentTenant()
                .computeIfPresent(
                        user,
                        (id, r) -> new Row(r.email(), r.displayName(), r.passwordHash(), r.role(), active, version));
    }

    @Override
    public void suspended(UserId user, boolean suspended, long version) {
        if (ofCurrentTenant()
                        .computeIfPresent(
                                user,
                                (id, r) -> new Row(
                                        r.email(), r.displayName(), r.passwordHash(), r.role(), r.active(), version))
                != null) {
            suspensions.put(user, suspended);
        }
    }

    /** Whether the platform's suspension of {@code user} is recorded. */
    boolean isSuspended(UserId user) {
        return suspensions.getOrDefault(user, false);
    }

    @Override
    public void roleChanged(UserId user, Role role, long version) {
        ofCurrentTenant()
                .computeIfPresent(
                        user,
                        (id, r) -> new Row(r.email(), r.displayName(), r.passwordHash(), role, r.active(), version));
    }

    @Override
    public void renamed(UserId user, String displayName, long version) {
        ofCurrentTenant()
                .computeIfPresent(
                        user,
                        (id, r) -> new Row(r.email(), displayName, r.passwordHash(), r.role(), r.active(), version));
    }

    @Override
    public void deleted(UserId user) {
        ofCurrentTenant().remove(user);
    }

    /** The row an earlier command recorded for {@code user} of {@code tenant}. */
    void given(TenantId tenant, UserId user, Row row) {
        rows.computeIfAbsent(tenant, t -> new HashMap<>()).put(user, row);
    }

    Optional<Row> of(TenantId tenant, UserId user) {
        return Optional.ofNullable(rows.getOrDefault(tenant, Map.of()).get(user));
    }

    private Map<UserId, Row> ofCurrentTenant() {
        TenantId tenant = TenantContext.current()
                .orElseThrow(() -> new IllegalStateException("sign-in credentials need a tenant bound to the thread"));
        return rows.computeIfAbsent(tenant, t -> new HashMap<>());
    }
}
