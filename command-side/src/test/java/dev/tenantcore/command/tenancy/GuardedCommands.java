package dev.tenantcore.command.tenancy;

import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

/** Runs a command-bus guard on one command of {@code tenant}, as the bus would, and records whether it went through. */
final class GuardedCommands {

    private GuardedCommands() {}

    static void handle(
            MessageHandlerInterceptor<CommandMessage<?>> guard, Object payload, TenantId tenant, AtomicBoolean handled)
            throws Exception {
        CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(payload)
                .andMetaData(Map.of(MetadataKeys.TENANT_ID, tenant.toString()));
        DefaultUnitOfWork<CommandMessage<Object>> uow = DefaultUnitOfWork.startAndGet(message);
        try {
            guard.handle(uow, () -> {
                handled.set(true);
                return null;
            });
        } finally {
            uow.rollback();
        }
    }
}
