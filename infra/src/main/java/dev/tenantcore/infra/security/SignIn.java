package dev.tenantcore.infra.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;

/**
 * Issues the tokens of a session: the first pair when an account has just proven who it is (a
 * sign-in, a customer who has just registered), and the next pair when a refresh token is
 * exchanged. Runs inside the caller's tenant transaction.
 */
@Component
public class SignIn {

    private final SessionStore sessions;
    private final UserSessions userSessions;
    private final UserCredentials accounts;
    private final TokenService tokens;
    private final SecurityProperties properties;

    SignIn(
            SessionStore sessions,
            UserSessions userSessions,
            UserCredentials accounts,
            TokenService tokens,
            SecurityProperties properties) {
        this.sessions = sessions;
        this.userSessions = userSessions;
        this.accounts = accounts;
        this.tokens = tokens;
        this.properties = properties;
    }

    /** The answer of every sign-in: the same shape as {@code POST /api/v1/auth/login}. */
    public record Tokens(String accessToken, String refreshToken, String tokenType, long expiresIn) {}

    public Tokens open(Credentials account, HttpServletRequest request) {
        var issued = sessions.open(
                account.tenantId(),
                account.userId(),
                properties.refreshTokenTtl(),
                request.getRemoteAddr(),
                request.getHeader("User-Agent"));
        return tokens(account, issued.session().id(), issued.refreshToken());
    }

    /**
     * Exchanges {@code refreshToken} for the session's next pair of tokens, or empty when it is not
     * valid. A refresh token used twice is a stolen one: its session is ended by the store, and the
     * access tokens it issued stop working at once. An account that is no longer active gets nothing,
     * and the rotation is rolled back with {@code status}.
     */
    public Optional<Tokens> refresh(String refreshToken, TransactionStatus status) {
        SessionStore.Rotation rotation = sessions.rotate(refreshToken);
        if (rotation instanceof SessionStore.Rotation.ReuseDetected reuse) {
            userSessions.revokeTokensOf(reuse.sessionId());
            return Optional.empty();
        }
        if (!(rotation instanceof SessionStore.Rotation.Rotated rotated)) {
            return Optional.empty();
        }
        var account = accounts.byId(rotated.session().userId()).filter(Credentials::active);
        if (account.isEmpty()) {
            status.setRollbackOnly();
            return Optional.empty();
        }
        return Optional.of(tokens(account.get(), rotated.session().id(), rotated.refreshToken()));
    }

    private Tokens tokens(Credentials account, UUID sessionId, String refreshToken) {
        return new Tokens(
                tokens.accessToken(account, sessionId),
                refreshToken,
                "Bearer",
                tokens.accessTokenTtl().toSeconds());
    }
}
