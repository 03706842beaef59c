package dev.tenantcore.infra.security;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.UserId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own sign-in sessions: see where they are signed in, end one, or end them all. Only
 * the caller's sessions in the request's tenant are reachable; any other id is answered as missing.
 */
@RestController
class SessionController {

    private final UserSessions sessions;
    private final TransactionTemplate tx;

    SessionController(UserSessions sessions, PlatformTransactionManager transactionManager) {
        this.sessions = sessions;
        this.tx = new TransactionTemplate(transactionManager);
    }

    record SessionResponse(
            UUID id, Instant createdAt, Instant lastUsedAt, String ip, String userAgent, boolean current) {}

    record SessionList(List<SessionResponse> items) {}

    @GetMapping("/api/v1/auth/sessions")
    ResponseEntity<SessionList> list() {
        UserId user = CurrentUser.id();
        UUID current = CurrentUser.sessionId();
        List<SessionResponse> items = tx.execute(status -> sessions.open(user)).stream()
                .map(s -> new SessionResponse(
                        s.id(), s.createdAt(), s.lastUsedAt(), s.ip(), s.userAgent(), s.id().equals(current)))
                .toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new SessionList(items));
    }

    @DeleteMapping("/api/v1/auth/sessions/{id}")
    ResponseEntity<Void> end(@PathVariable UUID id) {
        UserId user = CurrentUser.id();
        Boolean ended = tx.execute(status -> sessions.end(user, id, "revoked_by_user"));
        if (!Boolean.TRUE.equals(ended)) {
            throw new DomainException(ErrorCode.NOT_FOUND, "The resource does not exist.");
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/auth/revoke-all")
    ResponseEntity<Void> revokeAll() {
        UserId user = CurrentUser.id();
        tx.executeWithoutResult(status -> sessions.endAll(user, "revoke_all"));
        return ResponseEntity.noContent().build();
    }
}
