package dev.tenantcore.infra.axon;

import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Spreads each streaming processor's segments evenly over the live nodes.
 *
 * <p>Without Axon Server nobody assigns segments: each node claims whatever is unclaimed, so the
 * first node to start holds them all and a second one idles as a standby. Every interval, each
 * node counts the live nodes and, for each processor, releases the segments it holds beyond its
 * fair share ({@code ceil(segments / nodes)}) for a while, long enough for another node's claim
 * loop to pick them up. A claim in {@code token_entry} stays the only thing that decides who
 * processes a segment, so an event is never handled by two nodes, whatever this balancer does;
 * when a node stops, its claims are released and the others take them over.
 */
class SegmentBalancer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final ProcessingNodes nodes;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokens;
    private final Duration releaseFor;
    private volatile boolean running;

    SegmentBalancer(
            ProcessingNodes nodes, EventProcessingConfiguration processing, TokenStore tokens, Duration releaseFor) {
        this.nodes = nodes;
        this.processing = processing;
        this.tokens = tokens;
        this.releaseFor = releaseFor;
    }

    @Scheduled(
            fixedDelayString = "${app.processing.balance-interval:PT10S}",
            initialDelayString = "${app.processing.balance-interval:PT10S}")
    void balance() {
        if (!running) {
            return;
        }
        try {
            nodes.heartbeat();
            int live = nodes.live();
            processing.eventProcessors().values().stream()
                    .filter(StreamingEventProcessor.class::isInstance)
                    .map(StreamingEventProcessor.class::cast)
                    .filter(StreamingEventProcessor::isRunning)
                    .forEach(processor -> shareOf(processor, live));
        } catch (RuntimeException e) {
            // A failed round changes nothing: the claims stay as they are until the next one.
            log.warn("segment balancing failed; keeping the current claims", e);
        }
    }

    private void shareOf(StreamingEventProcessor processor, int live) {
        int segments = tokens.fetchSegments(processor.getName()).length;
        int fairShare = Math.max(1, (segments + live - 1) / live);
        processor.processingStatus().keySet().stream()
                .sorted(Comparator.reverseOrder())
                .skip(fairShare)
                .forEach(segment -> {
                    log.info(
                            "releasing segment {} of {} for {} nodes sharing {} segments",
                            segment,
                            processor.getName(),
                            live,
                            segments);
                    processor.releaseSegment(segment, releaseFor.toMillis(), TimeUnit.MILLISECONDS);
                });
    }

    @Override
    public void start() {
        nodes.heartbeat();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        nodes.leave();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
