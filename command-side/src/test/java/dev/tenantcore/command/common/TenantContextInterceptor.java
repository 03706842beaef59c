package dev.tenantcore.command.common;

import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.tenancy.TenantContext;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Binds the command's tenant to the handling thread, as the application's command handler
 * interceptor does, so that per-tenant stand-ins see the same tenant the handler runs for. A
 * command without a tenant runs unbound, to let the aggregate's own guard be tested.
 */
public final class TenantContextInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object tenant = unitOfWork.getMessage().getMetaData().get(MetadataKeys.TENANT_ID);
        if (tenant == null) {
            return chain.proceed();
        }
        try (var scope = TenantContext.enter(TenantId.of(tenant.toString()), null)) {
            return chain.proceed();
        }
    }
}
