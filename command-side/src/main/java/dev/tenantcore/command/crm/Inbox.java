package dev.tenantcore.command.crm;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.conversation.ChangeInboxSettingsCommand;
import dev.tenantcore.api.crm.conversation.InboxId;
import dev.tenantcore.api.crm.conversation.InboxSettingsChangedEvent;
import dev.tenantcore.api.crm.conversation.SetStaffAvailabilityCommand;
import dev.tenantcore.api.crm.conversation.StaffAvailabilityChangedEvent;
import dev.tenantcore.command.common.Rules;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A tenant's inbox: whether new conversations are assigned round-robin, and which staff take them.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>There is one per tenant, its id derived from the tenant ({@link InboxId#of}): the first
 *       command creates it, and a command naming another tenant's inbox finds nothing.
 *   <li>Only an active staff member (owner, manager, staff) can be made available.
 *   <li>Every change is also written to {@link InboxRoster} in the command's transaction: the record
 *       a new conversation's assignment is decided from ({@link InboxAssignments}).
 *   <li>Saying again what is already so records nothing.
 * </ul>
 */
@Aggregate
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Inbox {

    @AggregateIdentifier
    private InboxId id;

    private boolean autoAssign;
    private Set<String> available = new HashSet<>();

    protected Inbox() {}

    /** The inbox a command names is the caller's tenant's, or none. */
    @CommandHandlerInterceptor
    public Object guardTenant(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        Object caller = command.getMetaData().get(MetadataKeys.TENANT_ID);
        Object target = command.getPayload() instanceof SetStaffAvailabilityCommand c
                ? c.inboxId()
                : command.getPayload() instanceof ChangeInboxSettingsCommand c ? c.inboxId() : null;
        if (caller == null || target == null || !target.equals(InboxId.of(TenantId.of(caller.toString())))) {
            throw new AggregateNotFoundException(String.valueOf(target), "The resource does not exist.");
        }
        return chain.proceed();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(SetStaffAvailabilityCommand command, StaffMembers staff, InboxRoster roster) {
        if (command.userId() == null || !staff.isActiveStaff(command.userId())) {
            throw Rules.invalid("only an active staff member of this tenant can take conversations");
        }
        if (id != null && available.contains(command.userId().toString()) == command.available()) {
            return command.available();
        }
        roster.available(command.userId(), command.available());
        apply(new StaffAvailabilityChangedEvent(command.inboxId(), command.userId(), command.available()));
        return command.available();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(ChangeInboxSettingsCommand command, InboxRoster roster) {
        if (id != null && autoAssign == command.autoAssign()) {
            return autoAssign;
        }
        roster.autoAssign(command.autoAssign());
        apply(new InboxSettingsChangedEvent(command.inboxId(), command.autoAssign()));
        return command.autoAssign();
    }

    @EventSourcingHandler
    void on(StaffAvailabilityChangedEvent event) {
        id = event.inboxId();
        UserId user = event.userId();
        if (event.available()) {
            available.add(user.toString());
        } else {
            available.remove(user.toString());
        }
    }

    @EventSourcingHandler
    void on(InboxSettingsChangedEvent event) {
        id = event.inboxId();
        autoAssign = event.autoAssign();
    }
}
