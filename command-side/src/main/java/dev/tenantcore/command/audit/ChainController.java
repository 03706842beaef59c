package dev.tenantcore.command.audit;

import dev.tenantcore.api.audit.ChainBreak;
import dev.tenantcore.api.audit.ChainCheckpoint;
import dev.tenantcore.api.audit.ChainCheckpointPage;
import dev.tenantcore.api.audit.ChainVerification;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.infra.audit.AuditChain;
import dev.tenantcore.infra.audit.AuditCheckpoints;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's hash chain for its auditors and owners: verification against the event store, and
 * the signed checkpoints (listed for both; taken on demand by an owner only — the security chain
 * refuses an auditor every write anyway).
 *
 * <p>The handler methods are public because method security is enforced by a proxy.
 */
@RestController
@RequestMapping("/api/v1/audit/chain")
class ChainController {

    private static final String CURSOR_PREFIX = "k:";

    private final AuditChain chain;
    private final AuditCheckpoints checkpoints;
    private final AuditedAggregates aggregates;

    ChainController(AuditChain chain, AuditCheckpoints checkpoints, AuditedAggregates aggregates) {
        this.chain = chain;
        this.checkpoints = checkpoints;
        this.aggregates = aggregates;
    }

    /**
     * Recomputes the tenant's chain from the stored events (one streaming pass) and compares every
     * stored link and every checkpoint's head: the first event whose link breaks, if any.
     */
    @GetMapping("/verify")
    @PreAuthorize("hasAnyRole('OWNER','AUDITOR')")
    public ChainVerification verify() {
        ChainVerification found = chain.verify();
        ChainBreak broken = found.firstBrokenAt();
        if (broken == null || broken.aggregateType() == null) {
            return found;
        }
        var audited = aggregates.byStoredType(broken.aggregateType());
        ChainBreak named = new ChainBreak(
                broken.globalPosition(),
                broken.eventId(),
                audited == null ? broken.aggregateType() : audited.wireName(),
                broken.aggregateId(),
                broken.sequence(),
                broken.type());
        return new ChainVerification(
                found.verified(),
                found.chainedUpTo(),
                found.pending(),
                named,
                found.checkpointsVerified(),
                found.brokenCheckpoint());
    }

    /** The tenant's signed checkpoints, newest first. */
    @GetMapping("/checkpoints")
    @PreAuthorize("hasAnyRole('OWNER','AUDITOR')")
    public ChainCheckpointPage checkpoints(
            @RequestParam(defaultValue = "" + AuditController.DEFAULT_LIMIT) @Min(1) @Max(AuditController.MAX_LIMIT)
                    int limit,
            @RequestParam(required = false) @Size(max = 100) String cursor) {
        AuditCheckpoints.Page page = checkpoints.page(cursor == null ? 0 : seqFrom(cursor), limit);
        return new ChainCheckpointPage(page.items(), page.nextSeq() == null ? null : cursorOf(page.nextSeq()));
    }

    /** One of the tenant's signed checkpoints. */
    @GetMapping("/checkpoints/{id}")
    @PreAuthorize("hasAnyRole('OWNER','AUDITOR')")
    public ChainCheckpoint checkpoint(@PathVariable UUID id) {
        return checkpoints
                .byId(id)
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "The checkpoint does not exist."));
    }

    /** Signs a checkpoint of the tenant's chain now (after chaining what is stored). */
    @PostMapping("/checkpoints")
    @PreAuthorize("hasRole('OWNER')")
    public ResponseEntity<ChainCheckpoint> takeCheckpoint() {
        ChainCheckpoint taken = checkpoints.takeForCurrentTenant();
        return ResponseEntity.created(URI.create("/api/v1/audit/chain/checkpoints/" + taken.id()))
                .body(taken);
    }

    private static String cursorOf(long seq) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((CURSOR_PREFIX + seq).getBytes(StandardCharsets.UTF_8));
    }

    private static long seqFrom(String cursor) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!decoded.startsWith(CURSOR_PREFIX)) {
                throw new IllegalArgumentException(cursor);
            }
            long seq = Long.parseLong(decoded.substring(CURSOR_PREFIX.length()));
            if (seq <= 0) {
                throw new IllegalArgumentException(cursor);
            }
            return seq;
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "cursor: not a cursor of this list");
        }
    }
}
