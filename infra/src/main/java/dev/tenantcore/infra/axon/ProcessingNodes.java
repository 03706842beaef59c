package dev.tenantcore.infra.axon;

import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The nodes that share this database, as each one reports itself in {@code processing_nodes}.
 * Times are the database's own, so nodes with skewed clocks still agree on who is alive.
 */
public class ProcessingNodes {

    private final JdbcTemplate jdbc;
    private final String self;
    private final Duration timeout;

    ProcessingNodes(JdbcTemplate jdbc, String self, Duration timeout) {
        this.jdbc = jdbc;
        this.self = self;
        this.timeout = timeout;
    }

    /** This node's name, also the owner of the segments it claims in {@code token_entry}. */
    public String self() {
        return self;
    }

    /** Reports this node alive, and forgets nodes that have not been seen for ten timeouts. */
    void heartbeat() {
        jdbc.update("""
                INSERT INTO processing_nodes (node_id, seen_at) VALUES (?, now())
                ON CONFLICT (node_id) DO UPDATE SET seen_at = now()
                """, self);
        jdbc.update(
                "DELETE FROM processing_nodes WHERE seen_at < now() - CAST(? AS interval)",
                timeout.multipliedBy(10).toMillis() + " milliseconds");
    }

    /** Nodes seen within the timeout, this one included. */
    public int live() {
        Integer seen = jdbc.queryForObject(
                "SELECT count(*) FROM processing_nodes WHERE seen_at >= now() - CAST(? AS interval) AND node_id <> ?",
                Integer.class,
                timeout.toMillis() + " milliseconds",
                self);
        return 1 + (seen == null ? 0 : seen);
    }

    /** Leaves the registry on an orderly stop, so that the others take this node's share at once. */
    void leave() {
        jdbc.update("DELETE FROM processing_nodes WHERE node_id = ?", self);
    }
}
