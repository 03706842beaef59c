package dev.tenantcore.command.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.audit.AggregateStateResponse;
import dev.tenantcore.api.audit.AuditEvent;
import dev.tenantcore.api.audit.AuditHistoryPage;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.audit.EventFilter;
import dev.tenantcore.infra.audit.StoredEvent;
import dev.tenantcore.infra.audit.TenantEventLog;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import dev.tenantcore.infra.tenancy.TenantContext;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's history for its auditors and owners: read only, and only the caller's tenant's
 * events (another tenant's aggregate answers exactly as a missing one).
 *
 * <p>The handler methods are public because method security is enforced by a proxy.
 */
@RestController
@RequestMapping("/api/v1/audit")
@PreAuthorize("hasAnyRole('OWNER','AUDITOR')")
class AuditController {

    static final String NDJSON = "application/x-ndjson";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final String MISSING = "The aggregate does not exist.";
    private static final String CURSOR_PREFIX = "s:";

    private final TenantEventLog log;
    private final AuditedAggregates aggregates;
    private final AuditEvents events;
    private final AggregateStates states;
    private final ActorNames names;
    private final ObjectMapper json;
    private final TransactionTemplate readOnly;

    AuditController(
            TenantEventLog log,
            AuditedAggregates aggregates,
            AuditEvents events,
            AggregateStates states,
            ActorNames names,
            ObjectMapper json,
            TenantAwareTransactionManager transactions) {
        this.log = log;
        this.aggregates = aggregates;
        this.events = events;
        this.states = states;
        this.names = names;
        this.json = json;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /**
     * Every event of one aggregate, oldest first, with who caused it, from where, and its
     * correlation and causation ids. {@code aggregateType} is e.g. {@code product}, {@code order},
     * {@code payment}, {@code invoice}, {@code contact}, {@code tenant} (the tenant's own id).
     */
    @GetMapping("/{aggregateType}/{id}/history")
    public AuditHistoryPage history(
            @PathVariable @Size(max = 60) String aggregateType,
            @PathVariable @Size(max = 100) String id,
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) @Min(1) @Max(MAX_LIMIT) int limit,
            @RequestParam(required = false) @Size(max = 100) String cursor) {
        AuditedAggregates.Audited audited = aggregates.named(aggregateType);
        long after = cursor == null ? -1 : sequenceFrom(cursor);
        List<StoredEvent> page = log.history(audited.storedType(), id, after, limit + 1);
        if (page.isEmpty() && after < 0) {
            throw new DomainException(ErrorCode.NOT_FOUND, MISSING);
        }
        boolean more = page.size() > limit;
        List<StoredEvent> shown = more ? page.subList(0, limit) : page;
        List<Map<String, Object>> metadata =
                shown.stream().map(events::metadata).toList();
        Map<UUID, String> known = readOnly.execute(status -> names.of(AuditEvents.users(metadata)));
        List<AuditEvent> items = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            items.add(events.toAudit(shown.get(i), metadata.get(i), known));
        }
        String next = more ? cursorOf(shown.get(shown.size() - 1).sequence()) : null;
        return new AuditHistoryPage(items, next);
    }

    /**
     * The aggregate as it was at {@code asOf} (after its last event at or before that instant), or
     * after event {@code version}; its latest state when neither is given. {@code 404} when it did
     * not exist yet then.
     */
    @GetMapping("/{aggregateType}/{id}")
    public AggregateStateResponse state(
            @PathVariable @Size(max = 60) String aggregateType,
            @PathVariable @Size(max = 100) String id,
            @RequestParam(required = false) @Parameter(description = "An ISO-8601 instant, e.g. 2026-11-30T10:00:00Z.")
                    Instant asOf,
            @RequestParam(required = false) @Min(0) Long version) {
        if (asOf != null && version != null) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "Give asOf or version, not both.");
        }
        AuditedAggregates.Audited audited = aggregates.named(aggregateType);
        TenantId tenant = TenantContext.requireTenant(MISSING);
        return readOnly.execute(status -> states.stateOf(audited, id, tenant, asOf, version));
    }

    /**
     * The tenant's events in the order they were stored, one JSON object per line, streamed as read
     * from the database: memory stays flat however many there are. {@code after} continues after a
     * {@code globalPosition} already read.
     */
    @GetMapping(value = "/events", produces = NDJSON)
    @ApiResponse(
            responseCode = "200",
            description = "One AuditEvent per line (NDJSON), oldest first.",
            content = @Content(mediaType = NDJSON, schema = @Schema(implementation = AuditEvent.class)))
    public ResponseEntity<AuditEvent> stream(
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false)
                    @Pattern(regexp = "[A-Za-z][A-Za-z0-9]{0,99}")
                    @Parameter(description = "An event type, e.g. ProductCreatedEvent.")
                    String type,
            @RequestParam(required = false) @Parameter(description = "Events caused by this user or API key.")
                    UUID user,
            @RequestParam(required = false) @Size(max = 60) String aggregateType,
            @RequestParam(defaultValue = "0") @Min(0) long after,
            HttpServletResponse response)
            throws IOException {
        String storedType = null;
        if (aggregateType != null) {
            AuditedAggregates.Audited audited = aggregates.all().get(aggregateType);
            if (audited == null) {
                throw new DomainException(
                        ErrorCode.VALIDATION_FAILED, "aggregateType: no aggregate type is called " + aggregateType);
            }
            storedType = audited.storedType();
        }
        response.setContentType(NDJSON);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        // A user's name is looked up once per stream; a tenant has far fewer accounts than events.
        Map<UUID, String> known = new HashMap<>();
        log.stream(new EventFilter(from, to, type, user, storedType, after), 0, event -> {
            Map<String, Object> metadata = events.metadata(event);
            UUID actor = AuditEvents.userOf(metadata);
            if (actor != null && !known.containsKey(actor)) {
                known.put(actor, names.of(List.of(actor)).get(actor));
            }
            try {
                out.write(json.writeValueAsString(events.toAudit(event, metadata, known)));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.flush();
        // Written here, on the request's thread and in its tenant's transaction, as it was read:
        // nothing is left for Spring to write.
        return null;
    }

    private static String cursorOf(long sequence) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((CURSOR_PREFIX + sequence).getBytes(StandardCharsets.UTF_8));
    }

    private static long sequenceFrom(String cursor) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!decoded.startsWith(CURSOR_PREFIX)) {
                throw new IllegalArgumentException(cursor);
            }
            long sequence = Long.parseLong(decoded.substring(CURSOR_PREFIX.length()));
            if (sequence < 0) {
                throw new IllegalArgumentException(cursor);
            }
            return sequence;
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "cursor: not a cursor of this list");
        }
    }
}
