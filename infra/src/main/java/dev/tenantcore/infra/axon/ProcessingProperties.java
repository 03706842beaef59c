package dev.tenantcore.infra.axon;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the application's nodes share the event processors' work; the README's "Scaling out"
 * section says how to choose them.
 *
 * @param segments segments of each streaming processor, fixed when its tokens are first created:
 *     at most this many nodes share one processor's work
 * @param nodeId this node's name in the token store and the node registry; blank for the JVM's
 *     name with a random suffix, unique even for two applications in one JVM
 * @param balanceInterval time between two looks at the live nodes and the segments this node holds
 * @param nodeTimeout a node not seen for this long no longer counts, so its share goes to the others
 * @param stallAfter a segment of this node in error, or behind without moving, for this long makes
 *     the node not ready ({@link EventProcessorHealth})
 * @param metricsInterval time between two counts of dead letters, sagas and deadlines ({@link
 *     ProcessingMetrics})
 */
@ConfigurationProperties("app.processing")
public record ProcessingProperties(
        @DefaultValue("1") int segments,
        @DefaultValue("") String nodeId,
        @DefaultValue("PT10S") Duration balanceInterval,
        @DefaultValue("PT30S") Duration nodeTimeout,
        @DefaultValue("PT2M") Duration stallAfter,
        @DefaultValue("PT15S") Duration metricsInterval) {

    /** The configured name, or the JVM's ({@code pid@host}) with a suffix of its own. */
    String effectiveNodeId() {
        if (!nodeId.isBlank()) {
            return nodeId;
        }
        return ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
