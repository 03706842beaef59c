package dev.tenantcore.infra.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * Opens a session for an account that has just proven who it is, such as a customer who has
 * just registered, and issues its first pair of tokens. Runs inside the caller's tenant
 * transaction.
 */
@Component
public class SignIn {

    private final SessionStore sessions;
    private final TokenService tokens;
    private final SecurityProperties properties;

    SignIn(SessionStore sessions, TokenService tokens, SecurityProperties properties) {
        this.sessions = sessions;
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
        return new Tokens(
                tokens.accessToken(account, issued.session().id()),
                issued.refreshToken(),
                "Bearer",
                tokens.accessTokenTtl().toSeconds());
    }
}
