package dev.tenantcore.infra.security;

import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * An auditor reads and never changes anything: every request of theirs that is not a read is
 * refused here, before any controller, whatever a controller's own rule says, so an endpoint added
 * later with a careless role list still cannot record an auditor's command. Their own sign-in
 * state (their sessions and password) is theirs to manage.
 */
final class ReadOnlyAuditors implements AuthorizationManager<RequestAuthorizationContext> {

    static final String ROLE = "ROLE_AUDITOR";
    /** The platform's auditor: read-only too, wherever its token is accepted outside the platform routes. */
    static final String PLATFORM_ROLE = "ROLE_PLATFORM_AUDITOR";

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Pattern OWN_SIGN_IN =
            Pattern.compile("/api/v1/auth/(logout|revoke-all|sessions/[^/]+)|/api/v1/account/password");
    /** A ticket that opens their live event socket: a way to read, issued like a sign-in. */
    private static final Pattern LIVE_TICKET = Pattern.compile("/api/v1/live/tickets");
    /**
     * Starting an export of the tenant's history: it reads the history into a file and changes no
     * domain state (no event is recorded), so it is a read that takes a while. Only this exact
     * request: the path with no suffix, and POST.
     */
    static final String EXPORTS = "/api/v1/audit/exports";

    private final AuthorizationManager<RequestAuthorizationContext> authenticated =
            AuthenticatedAuthorizationManager.authenticated();

    @Override
    @SuppressWarnings("deprecation")
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        AuthorizationDecision signedIn = authenticated.check(authentication, context);
        if (signedIn == null || !signedIn.isGranted()) {
            return signedIn;
        }
        return new AuthorizationDecision(mayRequest(
                authentication.get(),
                context.getRequest().getMethod(),
                context.getRequest().getRequestURI()));
    }

    static boolean mayRequest(Authentication auth, String method, String path) {
        boolean auditor = auth.getAuthorities().stream()
                .anyMatch(a -> ROLE.equals(a.getAuthority()) || PLATFORM_ROLE.equals(a.getAuthority()));
        return !auditor
                || READS.contains(method)
                || OWN_SIGN_IN.matcher(path).matches()
                || LIVE_TICKET.matcher(path).matches()
                || ("POST".equals(method) && EXPORTS.equals(path));
    }
}
