package dev.tenantcore.command.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.api.catalog.DeleteProductCommand;
import dev.tenantcore.api.catalog.ProductId;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.ErrorDetails;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.RegisterUserCommand;
import dev.tenantcore.api.identity.RequestPasswordResetCommand;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.api.tenancy.ReactivateTenantCommand;
import dev.tenantcore.api.tenancy.TenantModule;
import dev.tenantcore.api.tenancy.TenantStatus;
import dev.tenantcore.infra.tenancy.TenantEntry;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The tenant standing guard on the command bus")
class TenantStandingGuardTest {

    private static final Map<TenantStatus, TenantId> TENANTS = Map.of(
            TenantStatus.ACTIVE, TenantId.random(),
            TenantStatus.SUSPENDED, TenantId.random(),
            TenantStatus.CLOSED, TenantId.random(),
            TenantStatus.TRIAL_ENDED, TenantId.random(),
            TenantStatus.TRIAL, TenantId.random(),
            TenantStatus.PENDING, TenantId.random());

    private final TenantStandingGuard guard = new TenantStandingGuard(id -> TENANTS.entrySet().stream()
            .filter(e -> e.getValue().equals(id))
            .findFirst()
            .map(e -> new TenantEntry(id, "slug", e.getKey(), EnumSet.allOf(TenantModule.class), Set.of())));

    private static RegisterUserCommand registerUser() {
        return new RegisterUserCommand(UserId.random(), "a@example.com", "hash", null, Role.STAFF);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"SUSPENDED, TENANT_SUSPENDED", "CLOSED, TENANT_CLOSED", "TRIAL_ENDED, TRIAL_ENDED"})
    @DisplayName("a tenant's command is refused with the edge's code while the tenant is suspended, closed or its "
            + "trial has ended, and never reaches its handler")
    void refuses(TenantStatus status, ErrorCode code) {
        AtomicBoolean handled = new AtomicBoolean();
        assertThatThrownBy(() -> handle(registerUser(), TENANTS.get(status), handled))
                .isInstanceOfSatisfying(
                        CommandExecutionException.class,
                        e -> assertThat(e.getDetails()).contains(new ErrorDetails(code, e.getMessage())));
        assertThat(handled).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ACTIVE", "TRIAL", "PENDING"})
    @DisplayName("an active tenant, a running trial and a pending sign-up (whose owner is registered) pass")
    void passes(TenantStatus status) throws Exception {
        AtomicBoolean handled = new AtomicBoolean();
        handle(registerUser(), TENANTS.get(status), handled);
        assertThat(handled).isTrue();
    }

    @Test
    @DisplayName("the platform's commands for a suspended tenant, deletions, tenants not known yet and an ended "
            + "trial's password reset pass")
    void exemptions() throws Exception {
        AtomicBoolean platform = new AtomicBoolean();
        AtomicBoolean deletion = new AtomicBoolean();
        AtomicBoolean unknown = new AtomicBoolean();
        AtomicBoolean reset = new AtomicBoolean();

        handle(new ReactivateTenantCommand(TENANTS.get(TenantStatus.SUSPENDED), null), TenantId.PLATFORM, platform);
        handle(new DeleteProductCommand(ProductId.random(), null), TENANTS.get(TenantStatus.SUSPENDED), deletion);
        handle(registerUser(), TenantId.random(), unknown);
        handle(
                new RequestPasswordResetCommand(UserId.random(), "hash", null),
                TENANTS.get(TenantStatus.TRIAL_ENDED),
                reset);

        assertThat(platform).isTrue();
        assertThat(deletion).isTrue();
        assertThat(unknown).isTrue();
        assertThat(reset).isTrue();
    }

    private void handle(Object payload, TenantId tenant, AtomicBoolean handled) throws Exception {
        GuardedCommands.handle(guard, payload, tenant, handled);
    }
}
