package dev.tenantcore.infra.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long each kind of short-lived record is kept; the README's Retention section says why each
 * default is what it is.
 *
 * @param idempotencyKeys age of an idempotency record (its request hash and the response it
 *     replays, which may hold a billing address) after which it goes, never while its key is live
 * @param sessionsAfterExpiry how long a sign-in session stays after its refresh token expired
 * @param revokedSessionsAfterExpiry how long a revocation stays after the last access token it
 *     refuses has expired
 * @param webhookDeliveries age of a received webhook delivery (its event id, headers and body)
 *     after which it goes; within it, a redelivery of the same event is recognised as a duplicate
 * @param interval time between two purges (db-scheduler runs one at a time across all nodes)
 * @param batchSize rows deleted per statement and transaction, so a purge never holds a long lock
 */
@ConfigurationProperties("app.retention")
public record RetentionProperties(
        @DefaultValue("PT24H") Duration idempotencyKeys,
        @DefaultValue("PT1H") Duration sessionsAfterExpiry,
        @DefaultValue("PT5M") Duration revokedSessionsAfterExpiry,
        @DefaultValue("P30D") Duration webhookDeliveries,
        @DefaultValue("PT1H") Duration interval,
        @DefaultValue("1000") int batchSize) {}
