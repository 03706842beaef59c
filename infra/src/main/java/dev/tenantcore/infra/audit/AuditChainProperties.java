package dev.tenantcore.infra.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The hash chain's pace.
 *
 * @param interval the wait between two passes of the chain over newly stored events (db-scheduler
 *     runs one pass at a time across all nodes; it also waits for its polling interval)
 * @param gapWait how long a position missing from the event store (a transaction that took it and
 *     has not committed, or rolled back) holds the chain before it goes past it
 * @param batch events read and chained per transaction
 * @param checkpointInterval the wait between two rounds of signed checkpoints (every tenant whose
 *     chain moved since its last one gets one)
 */
@ConfigurationProperties("app.audit.chain")
public record AuditChainProperties(
        @DefaultValue("PT5S") Duration interval,
        @DefaultValue("PT10S") Duration gapWait,
        @DefaultValue("500") int batch,
        @DefaultValue("PT1H") Duration checkpointInterval) {}
