package dev.tenantcore.infra.security;

import dev.tenantcore.infra.persistence.AfterCommit;
import dev.tenantcore.infra.persistence.PgNotifications;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sessions whose access tokens must stop working before they expire. Checked on every request from
 * memory; a revocation is written to the database and announced on {@value #CHANNEL}, so every
 * node refuses the token on its next request. Entries are dropped once the tokens they cover fail
 * their own expiry check, which passes them for {@link SigningKeys#CLOCK_SKEW} after {@code exp}.
 */
@Component
public class RevokedSessions {

    static final String CHANNEL = "revoked_sessions";
    private static final int MAX_NOTIFICATIONS = 20;

    private final JdbcTemplate jdbc;
    private final Map<UUID, Instant> revoked = new ConcurrentHashMap<>();
    private final List<Consumer<UUID>> listeners = new CopyOnWriteArrayList<>();

    RevokedSessions(JdbcTemplate jdbc, PgNotifications notifications) {
        this.jdbc = jdbc;
        notifications.subscribe(CHANNEL, payload -> {
            if (payload == null || payload.isBlank()) {
                reload();
                listeners.forEach(l -> l.accept(null));
            } else {
                String[] parts = payload.split("\\|");
                UUID session = UUID.fromString(parts[0]);
                revoked.put(session, Instant.ofEpochSecond(Long.parseLong(parts[1])));
                listeners.forEach(l -> l.accept(session));
            }
        });
    }

    /**
     * Calls {@code listener} on this node as soon as any node's revocation commits: with the
     * session's id, or with null when many changed at once (then {@link #isRevoked} answers for
     * each). What holds a session open beyond one request, such as a live event socket, closes on it.
     */
    public void onRevocation(Consumer<UUID> listener) {
        listeners.add(listener);
    }

    public boolean isRevoked(UUID sessionId) {
        return revoked.containsKey(sessionId);
    }

    /** Revokes within the caller's transaction; other nodes learn it when that transaction commits. */
    public void revoke(UUID sessionId, Instant tokensExpireBy) {
        revokeAll(List.of(sessionId), tokensExpireBy);
    }

    /**
     * Revokes several sessions at once, such as all of one user's, within the caller's
     * transaction. This node refuses their tokens once the transaction commits, which happens before
     * the request that revoked them is answered; a rolled-back revocation is never applied.
     */
    public void revokeAll(Collection<UUID> sessionIds, Instant tokensExpireBy) {
        if (sessionIds.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(
                "INSERT INTO revoked_sessions (session_id, expires_at) VALUES (?, ?) ON CONFLICT (session_id) DO NOTHING",
                sessionIds.stream()
                        .map(id -> new Object[] {id, Timestamp.from(tokensExpireBy)})
                        .toList());
        if (sessionIds.size() > MAX_NOTIFICATIONS) {
            // An empty payload makes every node reload from the table, which then holds them all.
            jdbc.queryForObject("SELECT pg_notify(?, '')", String.class, CHANNEL);
        } else {
            for (UUID id : sessionIds) {
                jdbc.queryForObject(
                        "SELECT pg_notify(?, ?)", String.class, CHANNEL, id + "|" + tokensExpireBy.getEpochSecond());
            }
        }
        Map<UUID, Instant> entries = new HashMap<>();
        sessionIds.forEach(id -> entries.put(id, tokensExpireBy));
        AfterCommit.run(() -> revoked.putAll(entries));
    }

    @EventListener(ApplicationStartedEvent.class)
    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT5M")
    void reload() {
        Map<UUID, Instant> fresh = new ConcurrentHashMap<>();
        Instant validUntil = Instant.now().minus(SigningKeys.CLOCK_SKEW);
        jdbc.query(
                "SELECT session_id, expires_at FROM revoked_sessions WHERE expires_at > ?",
                rs -> {
                    fresh.put(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant());
                },
                Timestamp.from(validUntil));
        revoked.putAll(fresh);
        revoked.entrySet().removeIf(e -> e.getValue().isBefore(validUntil));
    }
}
