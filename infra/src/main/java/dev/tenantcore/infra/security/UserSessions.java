package dev.tenantcore.infra.security;

import dev.tenantcore.api.common.UserId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * One user's sign-in sessions as a whole. Ending a session revokes its refresh token and, at once,
 * every access token it issued. Callers run these methods inside a tenant transaction, so a user of
 * another tenant is never reached.
 */
@Component
public class UserSessions {

    /** More than anyone keeps open; a longer list would only be a sign of abuse. */
    static final int MAX_LISTED = 100;

    private final SessionStore sessions;
    private final RevokedSessions revoked;
    private final TokenService tokens;

    UserSessions(SessionStore sessions, RevokedSessions revoked, TokenService tokens) {
        this.sessions = sessions;
        this.revoked = revoked;
        this.tokens = tokens;
    }

    public List<SessionStore.Session> open(UserId user) {
        return sessions.openSessionsOf(user, MAX_LISTED);
    }

    /** Ends one of the user's own open sessions; false when {@code sessionId} is none of them. */
    public boolean end(UserId user, UUID sessionId, String reason) {
        if (!sessions.revokeOf(user, sessionId, reason)) {
            return false;
        }
        revokeTokensOf(sessionId);
        return true;
    }

    /** Ends the session {@code sessionId}, whoever's it is: the caller's own, signing out. */
    public void end(UUID sessionId, String reason) {
        sessions.revoke(sessionId, reason);
        revokeTokensOf(sessionId);
    }

    /** Refuses the access tokens {@code sessionId} issued from now on, for as long as they could live. */
    public void revokeTokensOf(UUID sessionId) {
        revoked.revoke(sessionId, tokensExpireBy());
    }

    public void endAll(UserId user, String reason) {
        endAllExcept(user, null, reason);
    }

    /** Ends every session of the user but {@code keep}, such as the one that changed the password. */
    public void endAllExcept(UserId user, UUID keep, String reason) {
        Instant now = Instant.now();
        // A session that expired less than an access-token lifetime ago may still have a live token.
        List<UUID> ended = sessions.revokeAllOf(user, keep, reason, now.minus(tokens.accessTokenTtl()));
        revoked.revokeAll(ended, now.plus(tokens.accessTokenTtl()));
    }

    private Instant tokensExpireBy() {
        return Instant.now().plus(tokens.accessTokenTtl());
    }
}
