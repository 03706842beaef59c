package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import dev.tenantcore.infra.retention.RetentionPurge;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.infra.webhooks.WebhookInbox;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The retention purges on a real PostgreSQL under row-level security. Time is driven by rows
 * written with old timestamps; the purge itself runs as db-scheduler runs it, asked to run now.
 */
class RetentionTest extends ShopTest {

    /** The recurring task's row in scheduled_tasks: its name is stored, so it never changes. */
    private static final TaskInstanceId PURGE = TaskInstanceId.of("retention-purge", "recurring");

    private static final String MARK = "retention-test";

    @Autowired
    Scheduler scheduler;

    @Autowired
    RetentionPurge purge;

    @Autowired
    WebhookInbox inbox;

    Platform.Shop other;

    @BeforeEach
    void secondTenant() {
        other = platform.newShop();
    }

    /**
     * Writes, as {@code in}, one row of each kind per age: {@code expired} is past its retention,
     * the others must stay (live, or expired but still within the retention's margin).
     */
    private void writeRows(Platform.Shop in) {
        asTenant(in, () -> {
            idempotencyKey("expired", "25 hours", "1 hour");
            idempotencyKey("live", "1 hour", "-23 hours");
            session("expired", "2 hours");
            session("within-margin", "10 minutes");
            session("live", "-7 days");
            delivery("expired", "31 days");
            delivery("within-window", "29 days");
            return null;
        });
    }

    private void idempotencyKey(String key, String age, String expiredFor) {
        jdbc.update(
                "INSERT INTO idempotency_keys (tenant_id, caller, key, request_hash, state, response_status,"
                        + " response_body, created_at, expires_at) VALUES (app_current_tenant(), ?, ?, 'h', 'complete', 201,"
                        + " convert_to('{\"billing\":\"Calle Mayor 1\"}', 'UTF8'), now() - CAST(? AS interval),"
                        + " now() - CAST(? AS interval))",
                MARK,
                key,
                age,
                expiredFor);
    }

    private void session(String label, String expiredFor) {
        jdbc.update(
                "INSERT INTO auth_sessions (tenant_id, id, user_id, refresh_token_hash, created_at, last_used_at,"
                        + " expires_at, ip, user_agent) VALUES (app_current_tenant(), ?, ?, 'h', now() - interval '8 days',"
                        + " now() - interval '8 days', now() - CAST(? AS interval), ?, ?)",
                UUID.randomUUID(),
                UUID.randomUUID(),
                expiredFor,
                label,
                MARK);
    }

    private void delivery(String eventId, String age) {
        jdbc.update(
                "INSERT INTO webhook_deliveries (tenant_id, source, event_id, endpoint_id, outcome, headers, body,"
                        + " received_at) VALUES (app_current_tenant(), ?, ?, 'endpoint', 'handled', '{}'::jsonb, '{}',"
                        + " now() - CAST(? AS interval))",
                MARK,
                eventId,
                age);
    }

    private record Rows(Set<String> idempotencyKeys, Set<String> sessions, Set<String> deliveries) {}

    private Rows rowsOf(Platform.Shop in) {
        return asTenant(
                in,
                () -> new Rows(
                        new TreeSet<>(jdbc.queryForList(
                                "SELECT key FROM idempotency_keys WHERE caller = ?", String.class, MARK)),
                        new TreeSet<>(jdbc.queryForList(
                                "SELECT ip FROM auth_sessions WHERE user_agent = ?", String.class, MARK)),
                        new TreeSet<>(jdbc.queryForList(
                                "SELECT event_id FROM webhook_deliveries WHERE source = ?", String.class, MARK))));
    }

    private static final Rows ALL = new Rows(
            Set.of("expired", "live"), Set.of("expired", "within-margin", "live"), Set.of("expired", "within-window"));

    private static final Rows KEPT = new Rows(Set.of("live"), Set.of("within-margin", "live"), Set.of("within-window"));

    /** Revocations of three sessions: expired past the margin, expired within it, still in force. */
    private Map<String, UUID> writeRevocations() {
        Map<String, UUID> ids =
                Map.of("expired", UUID.randomUUID(), "within-margin", UUID.randomUUID(), "live", UUID.randomUUID());
        Instant now = Instant.now();
        Map<String, Duration> expiredFor = Map.of(
                "expired",
                Duration.ofHours(1),
                "within-margin",
                Duration.ofMinutes(1),
                "live",
                Duration.ofMinutes(-10));
        ids.forEach((label, id) -> jdbc.update(
                "INSERT INTO revoked_sessions (session_id, expires_at) VALUES (?, ?)",
                id,
                Timestamp.from(now.minus(expiredFor.get(label)))));
        return ids;
    }

    private Set<String> revocationsLeft(Map<String, UUID> ids) {
        List<UUID> left = jdbc.queryForList(
                "SELECT session_id FROM revoked_sessions WHERE session_id = ANY(?)", UUID.class, (Object)
                        ids.values().toArray(UUID[]::new));
        Set<String> labels = new TreeSet<>();
        ids.forEach((label, id) -> {
            if (left.contains(id)) {
                labels.add(label);
            }
        });
        return labels;
    }

    /** Asks db-scheduler to run the recurring purge now, and waits until a run that began afterwards succeeded. */
    private void runScheduledPurge() {
        Instant asked = Instant.now();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(scheduler.reschedule(PURGE, Instant.now()))
                        .as("the retention purge is scheduled")
                        .isTrue());
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(jdbc.queryForObject(
                                "SELECT last_success FROM scheduled_tasks WHERE task_name = ? AND task_instance = ?",
                                Timestamp.class,
                                PURGE.getTaskName(),
                                PURGE.getId()))
                        .as("a purge run completed after it was asked for")
                        .isNotNull()
                        .isAfter(Timestamp.from(asked)));
    }

    @Test
    @DisplayName("the scheduled purge deletes what outlived its retention in every tenant and keeps the rest")
    void scheduledPurgeDeletesExpiredRowsOfEveryTenant() {
        writeRows(shop);
        writeRows(other);
        Map<String, UUID> revocations = writeRevocations();
        assertThat(rowsOf(shop)).isEqualTo(ALL);
        assertThat(rowsOf(other)).isEqualTo(ALL);

        runScheduledPurge();

        assertThat(rowsOf(shop)).as("first tenant").isEqualTo(KEPT);
        assertThat(rowsOf(other)).as("second tenant").isEqualTo(KEPT);
        assertThat(revocationsLeft(revocations))
                .as("revocations still refusing a token that may be valid")
                .containsExactlyInAnyOrder("within-margin", "live");
    }

    @Test
    @DisplayName("a tenant's purge runs under its row-level security and leaves every other tenant's rows alone")
    void oneTenantsPurgeLeavesOtherTenantsAlone() {
        writeRows(shop);
        writeRows(other);

        Map<String, Long> deleted = purge.purgeTenant(TenantId.of(shop.id()));

        assertThat(rowsOf(shop)).isEqualTo(KEPT);
        assertThat(rowsOf(other))
                .as("the other tenant's expired rows are still there")
                .isEqualTo(ALL);
        assertThat(deleted)
                .as("only the purged tenant's rows counted")
                .containsEntry("idempotency_keys", 1L)
                .containsEntry("auth_sessions", 1L)
                .containsEntry("webhook_deliveries", 1L);

        assertThat(purge.purgeTenant(TenantId.random()).values())
                .as("a tenant without rows deletes nothing")
                .containsOnly(0L);
    }

    @Test
    @DisplayName("a webhook event redelivered within the providers' replay window is still recognised as a duplicate")
    void replayWithinWindowIsDuplicate() {
        writeRows(shop);

        runScheduledPurge();

        WebhookInbox.Delivery replay = new WebhookInbox.Delivery(MARK, "endpoint", Map.of(), "{}");
        try (var scope = TenantContext.enter(TenantId.of(shop.id()), null)) {
            assertThat(inbox.once(replay, "within-window", () -> "handled again"))
                    .as("an event id received 29 days ago")
                    .isEqualTo("duplicate");
        }
        assertThat(rowsOf(shop).deliveries()).containsExactly("within-window");
    }
}
