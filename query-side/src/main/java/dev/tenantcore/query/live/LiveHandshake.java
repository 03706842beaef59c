package dev.tenantcore.query.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.infra.security.ApiKeyAuthentication;
import dev.tenantcore.infra.security.LiveTickets;
import dev.tenantcore.infra.security.TokenService;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.infra.web.Problems;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Admits a socket upgrade: the tenant is the request's, resolved from {@code Origin} or the host by
 * the edge like every request's, and the caller is either the access token of the {@code
 * Authorization} header (checked by the security chain, which already refused a token of another
 * tenant) or a ticket from {@code ?ticket=}, redeemed under the request's tenant, so another
 * tenant's ticket is unknown here. A refusal is an ordinary problem answer; nothing is upgraded.
 */
class LiveHandshake implements HandshakeInterceptor {

    private final LiveTickets tickets;
    private final LiveHub hub;
    private final ObjectMapper json;

    LiveHandshake(LiveTickets tickets, LiveHub hub, ObjectMapper json) {
        this.tickets = tickets;
        this.hub = hub;
        this.json = json;
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes)
            throws IOException {
        Optional<TenantId> tenant = TenantContext.current().filter(t -> !t.isPlatform());
        if (tenant.isEmpty()) {
            return refuse(response, ErrorCode.TENANT_NOT_FOUND, "Live events are a tenant's: call from its domain.");
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        Optional<LiveTickets.Holder> holder;
        if (auth instanceof JwtAuthenticationToken token) {
            holder = holderOf(token.getToken(), tenant.get());
        } else if (auth instanceof ApiKeyAuthentication) {
            return refuse(response, ErrorCode.FORBIDDEN, "Live events are for signed-in users, not API keys.");
        } else {
            String ticket = UriComponentsBuilder.fromUri(request.getURI())
                    .build()
                    .getQueryParams()
                    .getFirst("ticket");
            if (ticket == null) {
                return refuse(
                        response,
                        ErrorCode.UNAUTHENTICATED,
                        "An access token (Authorization header) or a ticket (?ticket=) is required.");
            }
            holder = tickets.redeem(ticket);
            if (holder.isEmpty()) {
                return refuse(response, ErrorCode.INVALID_TOKEN, "The ticket is unknown here, used or expired.");
            }
        }
        if (holder.isEmpty()) {
            return refuse(response, ErrorCode.INVALID_TOKEN, "The access token is not valid.");
        }
        if (!hub.mayOpen(holder.get())) {
            return refuse(response, ErrorCode.RATE_LIMITED, "Too many live sockets are open for this user.");
        }
        attributes.put(LiveSocketHandler.HOLDER, holder.get());
        return true;
    }

    /** What an access token says about its holder, for the socket it opens itself or a ticket it asks for. */
    static Optional<LiveTickets.Holder> holderOf(Jwt jwt, TenantId tenant) {
        try {
            List<String> roles = jwt.getClaimAsStringList(TokenService.ROLES_CLAIM);
            if (roles == null || roles.size() != 1 || jwt.getExpiresAt() == null) {
                return Optional.empty();
            }
            Role role = Role.fromWireName(roles.get(0));
            if (role == Role.PLATFORM_ADMIN) {
                return Optional.empty();
            }
            return Optional.of(new LiveTickets.Holder(
                    tenant,
                    UserId.of(jwt.getSubject()),
                    role,
                    UUID.fromString(jwt.getClaimAsString(TokenService.SESSION_CLAIM)),
                    jwt.getExpiresAt()));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private boolean refuse(ServerHttpResponse response, ErrorCode code, String detail) throws IOException {
        Problems.write(((ServletServerHttpResponse) response).getServletResponse(), json, code, detail);
        return false;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {}
}
