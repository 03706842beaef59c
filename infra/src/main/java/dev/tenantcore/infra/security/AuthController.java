package dev.tenantcore.infra.security;

import com.nimbusds.jose.jwk.JWKSet;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.infra.web.ProblemResponses;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sign-in, token refresh, sign-out and the caller's own account. The tenant comes from the
 * request's domain; without one, only platform administrators can sign in.
 */
@RestController
class AuthController {

    private final UserCredentials accounts;
    private final PasswordSignIn passwordSignIn;
    private final UserSessions sessions;
    private final SignIn signIn;
    private final SigningKeys keys;
    private final TransactionTemplate tx;

    AuthController(
            UserCredentials accounts,
            PasswordSignIn passwordSignIn,
            UserSessions sessions,
            SignIn signIn,
            SigningKeys keys,
            PlatformTransactionManager transactionManager) {
        this.accounts = accounts;
        this.passwordSignIn = passwordSignIn;
        this.sessions = sessions;
        this.signIn = signIn;
        this.keys = keys;
        this.tx = new TransactionTemplate(transactionManager);
    }

    record LoginRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 200) String password) {}

    record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {}

    record MeResponse(UserId id, TenantId tenantId, String email, String displayName, Role role) {}

    /** Too many failed sign-ins for the account answer 429; too many hashing at once, 503. */
    @PostMapping("/api/v1/auth/login")
    @ProblemResponses(503)
    ResponseEntity<SignIn.Tokens> login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        SignIn.Tokens response = passwordSignIn
                .signIn(request.email(), request.password(), http)
                .orElseThrow(() ->
                        new DomainException(ErrorCode.INVALID_CREDENTIALS, "The email or password is not correct."));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(response);
    }

    @PostMapping("/api/v1/auth/refresh")
    ResponseEntity<SignIn.Tokens> refresh(@Valid @RequestBody RefreshRequest request) {
        SignIn.Tokens response = tx.execute(status -> signIn.refresh(request.refreshToken(), status))
                .orElseThrow(() -> new DomainException(ErrorCode.INVALID_TOKEN, "The refresh token is not valid."));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(response);
    }

    @PostMapping("/api/v1/auth/logout")
    ResponseEntity<Void> logout() {
        var sessionId = CurrentUser.sessionId();
        tx.executeWithoutResult(status -> sessions.end(sessionId, "logout"));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/auth/me")
    MeResponse me() {
        UserId user = CurrentUser.id();
        Credentials account = tx.execute(status -> accounts.byId(user))
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "The account does not exist."));
        return new MeResponse(
                account.userId(),
                TenantContext.current().orElse(TenantId.PLATFORM),
                account.email(),
                account.displayName(),
                account.role());
    }

    /** The shape of the JWK Set (RFC 7517) for the API document; the body itself is Nimbus' JSON. */
    record JwkSet(List<Jwk> keys) {}

    record Jwk(String kty, String kid, String use, String alg, String n, String e) {}

    @GetMapping("/.well-known/jwks.json")
    @ApiResponse(
            responseCode = "200",
            description = "The public keys that sign access tokens (RS256), by kid.",
            content = @Content(schema = @Schema(implementation = JwkSet.class)))
    ResponseEntity<Map<String, Object>> jwks() {
        JWKSet publicKeys = keys.publicKeys();
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)))
                .body(publicKeys.toJSONObject(true));
    }
}
