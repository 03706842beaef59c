package dev.tenantcore.command.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.api.catalog.CreateCategoryCommand;
import dev.tenantcore.api.catalog.DeleteProductCommand;
import dev.tenantcore.api.catalog.ProductId;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.ErrorDetails;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.AddTenantDomainCommand;
import dev.tenantcore.api.tenancy.TenantModule;
import dev.tenantcore.api.tenancy.TenantStatus;
import dev.tenantcore.infra.tenancy.TenantEntry;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The disabled-module guard")
class DisabledModuleGuardTest {

    private static final TenantId CRM_ONLY = TenantId.random();
    private static final TenantId FULL = TenantId.random();
    private static final TenantId UNKNOWN = TenantId.random();

    private final DisabledModuleGuard guard = new DisabledModuleGuard(id -> Optional.ofNullable(Map.of(
                    CRM_ONLY, entry(CRM_ONLY, EnumSet.of(TenantModule.CRM)),
                    FULL, entry(FULL, EnumSet.allOf(TenantModule.class)))
            .get(id)));

    @Test
    @DisplayName("catalogue commands belong to the storefront module")
    void catalogueIsStorefront() {
        assertThat(DisabledModuleGuard.moduleOf(CreateCategoryCommand.class)).contains(TenantModule.STOREFRONT);
        assertThat(DisabledModuleGuard.moduleOf(DeleteProductCommand.class)).contains(TenantModule.STOREFRONT);
        assertThat(DisabledModuleGuard.moduleOf(AddTenantDomainCommand.class)).isEmpty();
        assertThat(DisabledModuleGuard.moduleOf(String.class)).isEmpty();
    }

    @Test
    @DisplayName("a catalogue command of a tenant without the storefront is refused with module_disabled")
    void refusesDisabledModule() {
        AtomicBoolean handled = new AtomicBoolean();

        assertThatThrownBy(() -> handle(new DeleteProductCommand(ProductId.random(), null), CRM_ONLY, handled))
                .isInstanceOfSatisfying(
                        CommandExecutionException.class,
                        e -> assertThat(e.getDetails())
                                .contains(new ErrorDetails(ErrorCode.MODULE_DISABLED, e.getMessage())));
        assertThat(handled).isFalse();
    }

    @Test
    @DisplayName("a catalogue command of a tenant with the storefront passes")
    void passesEnabledModule() throws Exception {
        AtomicBoolean handled = new AtomicBoolean();

        handle(new DeleteProductCommand(ProductId.random(), null), FULL, handled);

        assertThat(handled).isTrue();
    }

    @Test
    @DisplayName("commands of no module, platform commands and tenants the directory does not know yet pass")
    void exemptions() throws Exception {
        AtomicBoolean tenancy = new AtomicBoolean();
        AtomicBoolean platform = new AtomicBoolean();
        AtomicBoolean unknown = new AtomicBoolean();

        handle(new AddTenantDomainCommand(CRM_ONLY, null, "x.example"), CRM_ONLY, tenancy);
        handle(new DeleteProductCommand(ProductId.random(), null), TenantId.PLATFORM, platform);
        handle(new DeleteProductCommand(ProductId.random(), null), UNKNOWN, unknown);

        assertThat(List.of(tenancy.get(), platform.get(), unknown.get())).containsOnly(true);
    }

    private void handle(Object payload, TenantId tenant, AtomicBoolean handled) throws Exception {
        GuardedCommands.handle(guard, payload, tenant, handled);
    }

    private static TenantEntry entry(TenantId id, Set<TenantModule> modules) {
        return new TenantEntry(id, "slug", TenantStatus.ACTIVE, modules, Set.of());
    }
}
