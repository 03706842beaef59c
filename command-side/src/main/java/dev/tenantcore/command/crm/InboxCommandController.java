package dev.tenantcore.command.crm;

import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.conversation.ChangeInboxSettingsCommand;
import dev.tenantcore.api.crm.conversation.InboxId;
import dev.tenantcore.api.crm.conversation.SetStaffAvailabilityCommand;
import dev.tenantcore.infra.security.CurrentUser;
import dev.tenantcore.infra.tenancy.TenantContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The inbox's round-robin: owners and managers turn it on for the tenant; each staff member says
 * whether they take new conversations. Both are the tenant's inbox aggregate ({@link Inbox}), kept
 * beside the conversations rather than in the tenant's settings because only the conversations'
 * command side reads them, in the transaction that starts a conversation.
 */
@RestController
@RequestMapping("/api/v1/conversations")
class InboxCommandController {

    private final CommandGateway commands;

    InboxCommandController(CommandGateway commands) {
        this.commands = commands;
    }

    record AvailabilityRequest(@NotNull Boolean available) {}

    record AvailabilityResponse(UserId userId, boolean available) {}

    record InboxSettingsRequest(@NotNull Boolean autoAssign) {}

    record InboxSettingsResponse(boolean autoAssign) {}

    /** The calling staff member takes new conversations from the round-robin, or stops taking them. */
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'STAFF')")
    @PutMapping("/availability")
    public AvailabilityResponse availability(@Valid @RequestBody AvailabilityRequest body) {
        UserId me = CurrentUser.id();
        Boolean available = commands.sendAndWait(new SetStaffAvailabilityCommand(inbox(), me, body.available()));
        return new AvailabilityResponse(me, Boolean.TRUE.equals(available));
    }

    /** {@code autoAssign}: each new conversation goes to the available staff member assigned least recently. */
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
    @PutMapping("/settings")
    public InboxSettingsResponse settings(@Valid @RequestBody InboxSettingsRequest body) {
        Boolean autoAssign = commands.sendAndWait(new ChangeInboxSettingsCommand(inbox(), body.autoAssign()));
        return new InboxSettingsResponse(Boolean.TRUE.equals(autoAssign));
    }

    private static InboxId inbox() {
        return InboxId.of(TenantContext.requireTenant("The inbox belongs to a tenant."));
    }
}
