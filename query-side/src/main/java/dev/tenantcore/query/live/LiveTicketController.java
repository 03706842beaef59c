package dev.tenantcore.query.live;

import dev.tenantcore.api.automations.LiveTicketResponse;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.infra.security.CurrentUser;
import dev.tenantcore.infra.security.LiveTickets;
import dev.tenantcore.infra.tenancy.TenantContext;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tickets for the live event socket: a browser cannot send its access token with a WebSocket
 * upgrade, so it trades the token for a ticket here and opens {@code /api/v1/live?ticket=…} within
 * {@code app.live.ticket-ttl}. A ticket opens one socket, on this tenant's domains only, and the
 * socket it opens ends with the token it was issued for.
 */
@RestController
@RequestMapping("/api/v1/live")
@PreAuthorize("hasAnyRole('CUSTOMER','STAFF','MANAGER','OWNER','AUDITOR')")
class LiveTicketController {

    private final LiveTickets tickets;
    private final LiveProperties properties;

    LiveTicketController(LiveTickets tickets, LiveProperties properties) {
        this.tickets = tickets;
        this.properties = properties;
    }

    @PostMapping("/tickets")
    public LiveTicketResponse issue() {
        var tenant = TenantContext.requireTenant("Live events are a tenant's: call from its domain.");
        var holder = CurrentUser.token()
                .flatMap(token -> LiveHandshake.holderOf(token.getToken(), tenant))
                .orElseThrow(() ->
                        new DomainException(ErrorCode.FORBIDDEN, "Live events are for signed-in users, not API keys."));
        LiveTickets.Issued issued = tickets.issue(holder, properties.ticketTtl());
        return new LiveTicketResponse(issued.ticket(), issued.expiresAt());
    }
}
