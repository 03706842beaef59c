package dev.tenantcore.query.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits and timers of the live event sockets.
 *
 * @param heartbeat time between two {@code heartbeat} frames on every socket
 * @param checkInterval time between two checks of every socket's session against revocations
 *     (a revocation also closes its sockets at once; this catches a missed notification)
 * @param ticketTtl how long a ticket from {@code POST /api/v1/live/tickets} may be redeemed
 * @param sendBuffer frames queued for one socket before it counts as too slow and is closed
 * @param maxConnectionsPerUser open sockets one user may hold on one node
 * @param maxReplay published events a resume ({@code after}) may send; one that missed more is
 *     closed with {@code 4409} and reloads through the REST API
 */
@ConfigurationProperties("app.live")
record LiveProperties(
        @DefaultValue("PT25S") Duration heartbeat,
        @DefaultValue("PT5S") Duration checkInterval,
        @DefaultValue("PT30S") Duration ticketTtl,
        @DefaultValue("1000") int sendBuffer,
        @DefaultValue("5") int maxConnectionsPerUser,
        @DefaultValue("1000") int maxReplay) {}
