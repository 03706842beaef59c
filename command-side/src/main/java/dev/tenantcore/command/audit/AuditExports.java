package dev.tenantcore.command.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.tenantcore.api.audit.ChainHeadResponse;
import dev.tenantcore.api.audit.ExportManifest;
import dev.tenantcore.api.audit.ExportPage;
import dev.tenantcore.api.audit.ExportProgress;
import dev.tenantcore.api.audit.ExportResponse;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.audit.ChainHeads;
import dev.tenantcore.infra.audit.EventFilter;
import dev.tenantcore.infra.audit.TenantEventLog;
import dev.tenantcore.infra.persistence.AfterCommit;
import dev.tenantcore.infra.storage.ObjectStorage;
import dev.tenantcore.infra.storage.StorageKeys;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Full exports of the current tenant's events: one {@link dev.tenantcore.api.audit.AuditEvent} JSON
 * object per line, gzip-compressed, in the order of the store, with a manifest. An export is asked
 * for in a request ({@link #start}) and built by a db-scheduler task ({@link ExportTasks}): durable
 * across a restart, and run by one node. The events come from {@link TenantEventLog}'s server-side
 * cursor and go through the gzip stream straight into a temporary file, so memory stays flat however
 * long the history; the file then goes to the tenant's media store, the manifest beside it.
 *
 * <p>The rows ({@code audit_exports}) are the command side's own and under the tenant's row-level
 * security: another tenant's export is not found, exactly as a missing one. Starting an export
 * records no event: it changes nothing of the tenant.
 */
@Component
class AuditExports {

    static final String QUEUED = "queued";
    static final String RUNNING = "running";
    static final String READY = "ready";
    static final String FAILED = "failed";
    static final String CONTENT_TYPE = "application/gzip";
    static final String MISSING = "The export does not exist.";

    /** Progress is written after this many events (and at the end), not after each. */
    static final int PROGRESS_EVERY = 2_000;

    private static final Logger log = LoggerFactory.getLogger(AuditExports.class);
    private static final String COLUMNS =
            "SELECT id, status, events, bytes, created_at, requested_by, finished_at, manifest, error FROM audit_exports ";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final TransactionTemplate ownTransaction;
    private final TenantEventLog events;
    private final AuditEvents audit;
    private final ActorNames names;
    private final ObjectMapper json;
    private final ObjectStorage storage;
    private final ObjectProvider<ChainHeads> chainHeads;
    private final OneTimeTask<ExportTasks.Job> task;
    private final Scheduler scheduler;
    private final Clock clock;

    AuditExports(
            JdbcTemplate jdbc,
            TenantAwareTransactionManager transactions,
            TenantEventLog events,
            AuditEvents audit,
            ActorNames names,
            ObjectMapper json,
            ObjectStorage storage,
            ObjectProvider<ChainHeads> chainHeads,
            OneTimeTask<ExportTasks.Job> exportTask,
            @Lazy Scheduler scheduler,
            ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.events = events;
        this.audit = audit;
        this.names = names;
        this.json = json;
        this.storage = storage;
        this.chainHeads = chainHeads;
        this.task = exportTask;
        this.scheduler = scheduler;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Queues a full export of the current tenant, asked for by {@code requestedBy}. */
    ExportResponse start(UUID requestedBy) {
        TenantId tenant = TenantContext.requireTenant("Exports belong to a tenant.");
        return transaction.execute(status -> start(tenant, requestedBy));
    }

    /** In the caller's transaction, under {@code tenant}: the row and the task commit together. */
    ExportResponse start(TenantId tenant, UUID requestedBy) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.update(
                "INSERT INTO audit_exports (tenant_id, id, status, created_at, requested_by) VALUES (?, ?, ?, ?, ?)",
                tenant.value(),
                id,
                QUEUED,
                Timestamp.from(now),
                requestedBy);
        ExportTasks.Job job = new ExportTasks.Job(tenant.value().toString(), id.toString());
        scheduler.scheduleIfNotExists(task.instance(id.toString(), job), now);
        AfterCommit.run(scheduler::triggerCheckForDueExecutions);
        return new ExportResponse(id, QUEUED, new ExportProgress(0, 0), now, requestedBy, null, null, null);
    }

    /** The current tenant's export {@code id}; {@code 404} when it has none of that id. */
    ExportResponse find(UUID id) {
        ExportResponse found = transaction.execute(status -> findIn(id));
        if (found == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, MISSING);
        }
        return found;
    }

    /** In the caller's transaction; null when the tenant has no such export. */
    ExportResponse findIn(UUID id) {
        List<ExportResponse> rows = jdbc.query(COLUMNS + "WHERE id = ?", this::row, id);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The tenant's exports, newest first. */
    ExportPage list(int limit, String cursor) {
        return transaction.execute(status -> {
            List<ExportResponse> rows;
            if (cursor == null) {
                rows = jdbc.query(COLUMNS + "ORDER BY created_at DESC, id DESC LIMIT ?", this::row, limit + 1);
            } else {
                Cursor after = Cursor.decode(cursor);
                rows = jdbc.query(
                        COLUMNS + "WHERE (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?",
                        this::row,
                        Timestamp.from(after.createdAt()),
                        after.id(),
                        limit + 1);
            }
            boolean more = rows.size() > limit;
            List<ExportResponse> shown = more ? rows.subList(0, limit) : rows;
            String next = more
                    ? new Cursor(
                                    shown.get(limit - 1).createdAt(),
                                    shown.get(limit - 1).id())
                            .encode()
                    : null;
            return new ExportPage(List.copyOf(shown), next);
        });
    }

    /** The ready export's file, to be closed by the caller; {@code 409 export_not_ready} before. */
    ObjectStorage.StoredObject open(UUID id) throws IOException {
        ExportResponse export = find(id);
        if (!READY.equals(export.status())) {
            throw new DomainException(
                    ErrorCode.EXPORT_NOT_READY, "The export is " + export.status() + "; its file is there once ready.");
        }
        TenantId tenant = TenantContext.requireTenant(MISSING);
        return storage.open(StorageKeys.exportFile(tenant.value(), id))
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "The export's file is gone."));
    }

    /**
     * Builds export {@code id} of the current tenant, unless it is already over (a task that runs
     * again after its node died starts the file from the beginning). A failure is recorded on the
     * export and not thrown: the same history would fail the same way again.
     */
    String run(UUID id) {
        TenantId tenant = TenantContext.requireTenant(MISSING);
        Instant createdAt = transaction.execute(status -> jdbc
                .query(
                        "UPDATE audit_exports SET status = ?, events = 0, bytes = 0 WHERE id = ? AND status IN (?, ?)"
                                + " RETURNING created_at",
                        (rs, i) -> rs.getTimestamp(1).toInstant(),
                        RUNNING,
                        id,
                        QUEUED,
                        RUNNING)
                .stream()
                .findFirst()
                .orElse(null));
        if (createdAt == null) {
            ExportResponse over = transaction.execute(status -> findIn(id));
            return over == null ? FAILED : over.status();
        }
        Path file = null;
        Path manifestFile = null;
        try {
            file = Files.createTempFile("export-", ".ndjson.gz");
            ExportManifest manifest = write(tenant, id, createdAt, file);
            manifestFile = Files.createTempFile("export-", ".json");
            Files.write(manifestFile, json.writeValueAsBytes(manifest));
            storage.put(StorageKeys.exportFile(tenant.value(), id), file, CONTENT_TYPE);
            storage.put(StorageKeys.exportManifest(tenant.value(), id), manifestFile, "application/json");
            String manifestJson = json.writeValueAsString(manifest);
            transaction.executeWithoutResult(status -> jdbc.update(
                    "UPDATE audit_exports SET status = ?, events = ?, bytes = ?, manifest = ?::jsonb, finished_at = ?"
                            + " WHERE id = ?",
                    READY,
                    manifest.events(),
                    manifest.bytes(),
                    manifestJson,
                    Timestamp.from(clock.instant()),
                    id));
            return READY;
        } catch (IOException | RuntimeException e) {
            log.warn("export {} of tenant {} failed", id, tenant, e);
            String error = "The export could not be written: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            transaction.executeWithoutResult(status -> jdbc.update(
                    "UPDATE audit_exports SET status = ?, error = ?, finished_at = ? WHERE id = ?",
                    FAILED,
                    error.length() > 500 ? error.substring(0, 500) : error,
                    Timestamp.from(clock.instant()),
                    id));
            return FAILED;
        } finally {
            deleteQuietly(file);
            deleteQuietly(manifestFile);
        }
    }

    /** Streams every event of the tenant into {@code file}, gzip-compressed, and describes what it wrote. */
    private ExportManifest write(TenantId tenant, UUID id, Instant createdAt, Path file) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Long> counts = new TreeMap<>();
        Map<UUID, String> known = new HashMap<>();
        long[] positions = {-1, -1};
        long[] written = {0};
        Counting compressed;
        try (OutputStream raw = Files.newOutputStream(file)) {
            compressed = new Counting(new DigestOutputStream(new BufferedOutputStream(raw, 64 * 1024), sha256));
            try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 64 * 1024)) {
                byte[] newline = {'\n'};
                events.stream(new EventFilter(null, null, null, null, null, 0), 0, event -> {
                    Map<String, Object> metadata = audit.metadata(event);
                    UUID actor = AuditEvents.userOf(metadata);
                    if (actor != null && !known.containsKey(actor)) {
                        known.put(actor, names.of(List.of(actor)).get(actor));
                    }
                    var line = audit.toAudit(event, metadata, known);
                    try {
                        gzip.write(json.writeValueAsBytes(line));
                        gzip.write(newline);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    counts.merge(line.type(), 1L, Long::sum);
                    if (positions[0] < 0) {
                        positions[0] = event.globalIndex();
                    }
                    positions[1] = event.globalIndex();
                    if (++written[0] % PROGRESS_EVERY == 0) {
                        progress(id, written[0], compressed.count);
                    }
                });
            }
        }
        long bytes = Files.size(file);
        progress(id, written[0], bytes);
        boolean none = positions[0] < 0;
        ChainHeadResponse head = none
                ? null
                : chainHeads
                        .getObject()
                        .headAt(positions[1])
                        .map(h -> new ChainHeadResponse(h.count(), h.globalPosition(), h.hash()))
                        .orElse(null);
        return new ExportManifest(
                tenant.value(),
                createdAt,
                written[0],
                counts,
                none ? null : positions[0],
                none ? null : positions[1],
                HexFormat.of().formatHex(sha256.digest()),
                bytes,
                head);
    }

    /** In a transaction of its own: the export's reading transaction stays read-only and open. */
    private void progress(UUID id, long events, long bytes) {
        ownTransaction.executeWithoutResult(status -> jdbc.update(
                "UPDATE audit_exports SET events = ?, bytes = ? WHERE id = ? AND status = ?",
                events,
                bytes,
                id,
                RUNNING));
    }

    private ExportResponse row(ResultSet rs, int index) throws SQLException {
        String manifest = rs.getString(8);
        Timestamp finished = rs.getTimestamp(7);
        try {
            return new ExportResponse(
                    rs.getObject(1, UUID.class),
                    rs.getString(2),
                    new ExportProgress(rs.getLong(3), rs.getLong(4)),
                    rs.getTimestamp(5).toInstant(),
                    rs.getObject(6, UUID.class),
                    finished == null ? null : finished.toInstant(),
                    manifest == null ? null : json.readValue(manifest, ExportManifest.class),
                    rs.getString(9));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not delete the temporary file {}", file, e);
        }
    }

    /** Bytes that went through: the compressed size so far, for progress. */
    private static final class Counting extends FilterOutputStream {
        private long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    /** Where the list continues: after the export created at {@code createdAt} with {@code id}. */
    record Cursor(Instant createdAt, UUID id) {
        private static final String PREFIX = "x:";

        String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((PREFIX + createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                if (!decoded.startsWith(PREFIX) || decoded.indexOf('|') < 0) {
                    throw new IllegalArgumentException(cursor);
                }
                String[] parts = decoded.substring(PREFIX.length()).split("\\|", 2);
                return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, "cursor: not a cursor of this list");
            }
        }
    }
}
