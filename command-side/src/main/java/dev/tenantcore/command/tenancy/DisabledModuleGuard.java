package dev.tenantcore.command.tenancy;

import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.ErrorDetails;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.TenantModule;
import dev.tenantcore.infra.tenancy.TenantDirectory;
import dev.tenantcore.infra.tenancy.TenantEntry;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Refuses a command of a module that the command's tenant has switched off, however it was sent:
 * the edge refuses the module's HTTP routes, but sagas, scripts and other nodes send commands
 * without passing the edge. The tenant's modules come from the in-memory {@link TenantDirectory},
 * so the check costs no query.
 *
 * <p>A command belongs to the module of its bounded context, named by its package in shared-api.
 * Platform-scope commands are exempt, and so is a tenant the directory does not know yet (one
 * registered a moment ago): its modules are not known, and the aggregate's own tenant guard still
 * applies.
 *
 * <p>Unlike the facts that commands write into events (tax rate, seller, checkout: see
 * {@code TenantFacts}), the modules may come from the directory, which follows the tenant read
 * model a moment behind: this guard records nothing. It admits or refuses at the edge of the
 * command bus, as the HTTP route check it backs up does, and no event carries what it read. A
 * switch takes effect when the directory reloads (notified, within milliseconds); a command that
 * arrives within that moment is admitted as one sent a moment before the switch would have been.
 */
@Component
class DisabledModuleGuard implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final String API_PACKAGE = "dev.tenantcore.api.";

    /** Contexts that do not exist yet are listed too, so that they are guarded from their first command. */
    private static final Map<String, TenantModule> MODULE_OF_CONTEXT = Map.of(
            "catalog", TenantModule.STOREFRONT,
            "ordering", TenantModule.STOREFRONT,
            // Payments serve checkout and billing alike; they follow the storefront, as their routes do.
            "payments", TenantModule.STOREFRONT,
            "invoicing", TenantModule.BILLING,
            // Catalogue images, logos and banners: the storefront's files.
            "media", TenantModule.STOREFRONT,
            "crm", TenantModule.CRM,
            "automations", TenantModule.AUTOMATIONS);

    private final Function<TenantId, Optional<TenantEntry>> tenants;

    @Autowired
    DisabledModuleGuard(TenantDirectory directory) {
        this(directory::byId);
    }

    DisabledModuleGuard(Function<TenantId, Optional<TenantEntry>> tenants) {
        this.tenants = tenants;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        Optional<TenantModule> module = moduleOf(command.getPayloadType());
        Object tenant = command.getMetaData().get(MetadataKeys.TENANT_ID);
        if (module.isPresent() && tenant != null) {
            TenantId tenantId = TenantId.of(tenant.toString());
            boolean disabled = !tenantId.isPlatform()
                    && tenants.apply(tenantId)
                            .map(entry -> !entry.hasModule(module.get()))
                            .orElse(false);
            if (disabled) {
                String detail = "The " + module.get().wireName() + " module is not enabled for this tenant.";
                // Thrown already wrapped, as the tenant interceptor wraps refusals, whichever runs first.
                throw new CommandExecutionException(detail, null, new ErrorDetails(ErrorCode.MODULE_DISABLED, detail));
            }
        }
        return chain.proceed();
    }

    static Optional<TenantModule> moduleOf(Class<?> commandType) {
        String name = commandType.getPackageName();
        if (!name.startsWith(API_PACKAGE)) {
            return Optional.empty();
        }
        String context = name.substring(API_PACKAGE.length()).split("\\.", 2)[0];
        return Optional.ofNullable(MODULE_OF_CONTEXT.get(context));
    }
}
