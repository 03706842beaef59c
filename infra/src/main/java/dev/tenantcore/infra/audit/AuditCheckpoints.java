package dev.tenantcore.infra.audit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import dev.tenantcore.api.audit.ChainCheckpoint;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.infra.tenancy.TenantDirectory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signed checkpoints of the tenants' chains: the head after a number of events, at a position,
 * signed with the platform's checkpoint key as a compact JWS whose payload is
 * {@code {"tenantId","count","globalPosition","head","createdAt"}}. Taken for every tenant whose
 * chain moved since its last one (periodically), or for one tenant on its owner's request.
 */
public class AuditCheckpoints {

    /** The JWS {@code typ} of a checkpoint, so it cannot pass for any other signed object. */
    public static final JOSEObjectType TYPE = new JOSEObjectType("tenantcore-chain-checkpoint+jws");

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);

    private static final String COLUMNS =
            "SELECT id, tenant_id, count, global_position, head, created_at, kid, jws, seq FROM audit_checkpoints ";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final TransactionTemplate readOnly;
    private final AuditChain chain;
    private final AuditChainBuilder builder;
    private final CheckpointKeys keys;
    private final TenantDirectory directory;
    private final Clock clock;

    AuditCheckpoints(
            JdbcTemplate jdbc,
            TenantAwareTransactionManager transactions,
            AuditChain chain,
            AuditChainBuilder builder,
            CheckpointKeys keys,
            TenantDirectory directory,
            Clock clock) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.chain = chain;
        this.builder = builder;
        this.keys = keys;
        this.directory = directory;
        this.clock = clock;
    }

    /** A page of the current tenant's checkpoints, newest first, before {@code beforeSeq} (0: from the newest). */
    public record Page(List<ChainCheckpoint> items, Long nextSeq) {}

    public Page page(long beforeSeq, int limit) {
        record Row(ChainCheckpoint checkpoint, long seq) {}
        List<Row> rows = readOnly.execute(status -> jdbc.query(
                COLUMNS + "WHERE seq < ? ORDER BY seq DESC LIMIT ?",
                (rs, i) -> new Row(checkpoint(rs), rs.getLong(9)),
                beforeSeq <= 0 ? Long.MAX_VALUE : beforeSeq,
                limit + 1));
        boolean more = rows.size() > limit;
        List<Row> shown = more ? rows.subList(0, limit) : rows;
        return new Page(
                shown.stream().map(Row::checkpoint).toList(),
                more ? shown.get(shown.size() - 1).seq() : null);
    }

    /** One of the current tenant's checkpoints; empty for another tenant's, as for a missing one. */
    public java.util.Optional<ChainCheckpoint> byId(UUID id) {
        return readOnly.execute(status ->
                jdbc
                        .query(COLUMNS + "WHERE id = ?", (RowMapper<ChainCheckpoint>) AuditCheckpoints::checkpoint, id)
                        .stream()
                        .findFirst());
    }

    /** A checkpoint of the current tenant's chain now, after chaining what is stored. */
    public ChainCheckpoint takeForCurrentTenant() {
        TenantId tenant = TenantContext.requireTenant("No tenant.");
        builder.catchUp();
        return tx.execute(status -> take(tenant, false));
    }

    /** A checkpoint for every tenant whose chain moved since its last one; one failing does not stop the rest. */
    public int takeForAll() {
        builder.runAll();
        directory.reload();
        int taken = 0;
        RuntimeException failure = null;
        for (TenantId tenant : directory.tenantIds()) {
            try (var scope = TenantContext.enter(tenant, null)) {
                if (tx.execute(status -> take(tenant, true)) != null) {
                    taken++;
                }
            } catch (RuntimeException e) {
                log.warn("checkpoint of tenant {} failed; the others go on", tenant, e);
                failure = e;
            }
        }
        if (taken > 0) {
            log.info("Signed {} hash-chain checkpoints", taken);
        }
        if (failure != null) {
            throw failure;
        }
        return taken;
    }

    /** In the tenant's transaction; null when {@code onlyIfMoved} and the head is the last checkpoint's. */
    private ChainCheckpoint take(TenantId tenant, boolean onlyIfMoved) {
        ChainHeads.ChainHead head =
                chain.head().orElse(new ChainHeads.ChainHead(0, 0, ChainLink.hex(ChainLink.GENESIS)));
        if (onlyIfMoved) {
            Long last = jdbc.queryForObject("SELECT max(count) FROM audit_checkpoints", Long.class);
            if (last != null && last >= head.count()) {
                return null;
            }
        }
        UUID id = UUID.randomUUID();
        // Microseconds: what PostgreSQL keeps, so the row and the signed payload say the same instant.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ECKey key = keys.signingKey();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("tenantId", tenant.value().toString());
        claims.put("count", head.count());
        claims.put("globalPosition", head.globalPosition());
        claims.put("head", head.hash());
        claims.put("createdAt", now.toString());
        JWSObject jws = new JWSObject(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(key.getKeyID())
                        .type(TYPE)
                        .build(),
                new Payload(claims));
        try {
            jws.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a checkpoint", e);
        }
        String compact = jws.serialize();
        jdbc.update(
                "INSERT INTO audit_checkpoints (tenant_id, id, count, global_position, head, kid, jws, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                tenant.value(),
                id,
                head.count(),
                head.globalPosition(),
                head.hash(),
                key.getKeyID(),
                compact,
                Timestamp.from(now));
        return new ChainCheckpoint(
                id, tenant.value(), head.count(), head.globalPosition(), head.hash(), now, key.getKeyID(), compact);
    }

    private static ChainCheckpoint checkpoint(ResultSet rs, int i) throws SQLException {
        return checkpoint(rs);
    }

    private static ChainCheckpoint checkpoint(ResultSet rs) throws SQLException {
        return new ChainCheckpoint(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getLong(3),
                rs.getLong(4),
                rs.getString(5),
                rs.getTimestamp(6).toInstant(),
                rs.getString(7),
                rs.getString(8));
    }
}
