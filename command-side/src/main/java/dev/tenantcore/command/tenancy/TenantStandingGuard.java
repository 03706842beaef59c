package dev.tenantcore.command.tenancy;

import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.ErrorDetails;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.identity.ConfirmPasswordResetCommand;
import dev.tenantcore.api.identity.RequestPasswordResetCommand;
import dev.tenantcore.infra.tenancy.TenantDirectory;
import dev.tenantcore.infra.tenancy.TenantEntry;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Refuses the commands of a tenant that is closed, suspended or whose trial has ended, however they
 * were sent, with the code the edge answers for the same tenant ({@code tenant_closed},
 * {@code tenant_suspended}, {@code trial_ended}): the edge refuses such a tenant's HTTP requests,
 * but policies, sagas, deadlines and scheduled work send commands in the tenant's name without
 * passing the edge. Like {@link DisabledModuleGuard}, it admits or refuses from the in-memory
 * {@link TenantDirectory}, costs no query, and records nothing.
 *
 * <p>What still works: every platform-scope command (the platform reactivates, suspends, closes,
 * changes billing, ends trials and expires sign-ups in its own scope), the deletion of a tenant's
 * data (a person's right to erasure outlives the tenant's standing), and, for an ended trial, what
 * the edge lets through for one: signing in and resetting a password. A pending tenant is not
 * refused here: its owner is registered while it is pending, and the edge keeps its users out.
 */
@Component
class TenantStandingGuard implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** The edge lets an ended trial's users sign in and reset their password; these are those commands. */
    private static final Set<Class<?>> ALLOWED_AFTER_TRIAL =
            Set.of(RequestPasswordResetCommand.class, ConfirmPasswordResetCommand.class);

    private final Function<TenantId, Optional<TenantEntry>> tenants;

    @Autowired
    TenantStandingGuard(TenantDirectory directory) {
        this(directory::byId);
    }

    TenantStandingGuard(Function<TenantId, Optional<TenantEntry>> tenants) {
        this.tenants = tenants;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        Object tenant = command.getMetaData().get(MetadataKeys.TENANT_ID);
        if (tenant != null) {
            TenantId tenantId = TenantId.of(tenant.toString());
            if (!tenantId.isPlatform()) {
                Optional<TenantEntry> entry = tenants.apply(tenantId);
                if (entry.isPresent()) {
                    refusal(entry.get(), command.getPayloadType()).ifPresent(code -> {
                        throw refused(code);
                    });
                }
            }
        }
        return chain.proceed();
    }

    static Optional<ErrorCode> refusal(TenantEntry tenant, Class<?> commandType) {
        if (isDeletion(commandType)) {
            return Optional.empty();
        }
        if (tenant.closed()) {
            return Optional.of(ErrorCode.TENANT_CLOSED);
        }
        if (tenant.suspended()) {
            return Optional.of(ErrorCode.TENANT_SUSPENDED);
        }
        if (tenant.trialEnded() && !ALLOWED_AFTER_TRIAL.contains(commandType)) {
            return Optional.of(ErrorCode.TRIAL_ENDED);
        }
        return Optional.empty();
    }

    /** {@code Delete…Command}s remove data; refusing them would keep what someone asked to erase. */
    private static boolean isDeletion(Class<?> commandType) {
        String name = commandType.getSimpleName();
        return name.startsWith("Delete") && name.endsWith("Command");
    }

    private static CommandExecutionException refused(ErrorCode code) {
        String detail = switch (code) {
            case TENANT_CLOSED -> "This tenant is closed.";
            case TENANT_SUSPENDED -> "This tenant is suspended.";
            default -> "This tenant's trial has ended.";
        };
        // Thrown already wrapped, as the tenant interceptor wraps refusals, whichever runs first.
        return new CommandExecutionException(detail, null, new ErrorDetails(code, detail));
    }
}
