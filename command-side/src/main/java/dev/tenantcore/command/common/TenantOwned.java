package dev.tenantcore.command.common;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.CommandHandlerInterceptor;

/**
 * An aggregate that belongs to one tenant and remembers which.
 *
 * <p>Invariant: a command whose metadata names another tenant is refused exactly as if the
 * aggregate did not exist, so an attacker learns nothing about other tenants' identifiers.
 *
 * <p>Snapshots store an aggregate's fields as JSON; aggregates expose no getters, so the fields
 * themselves are what Jackson reads and writes.
 */
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public abstract class TenantOwned {

    protected TenantId tenantId;

    protected abstract String aggregateId();

    /** Whether a command from {@code caller} may act on this aggregate. */
    protected boolean admits(TenantId caller) {
        return caller.equals(tenantId);
    }

    @CommandHandlerInterceptor
    public Object guardTenant(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        Object caller = command.getMetaData().get(MetadataKeys.TENANT_ID);
        if (tenantId == null || caller == null || !admits(TenantId.of(caller.toString()))) {
            throw new AggregateNotFoundException(aggregateId(), "The resource does not exist.");
        }
        return chain.proceed();
    }
}
