package dev.tenantcore.command.automations;

import dev.tenantcore.api.automations.PublicEvent;
import dev.tenantcore.api.automations.PublicEventType;
import dev.tenantcore.api.automations.rules.AutomationRuleId;
import dev.tenantcore.api.automations.rules.AutomationRunPage;
import dev.tenantcore.api.automations.rules.AutomationRunResponse;
import dev.tenantcore.api.automations.rules.DryRunResponse;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.infra.audit.EventFilter;
import dev.tenantcore.infra.audit.TenantEventLog;
import dev.tenantcore.infra.events.PublicEvents;
import dev.tenantcore.infra.tenancy.TenantContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A rule's run log, the retry and skip of a parked run, and the dry run over history. The run log is
 * the runner's own record ({@link RuleRuns}), read where it is written: it is not a projection.
 */
@RestController
@RequestMapping("/api/v1/automations/rules/{ruleId}")
class AutomationRunController {

    /** Events a dry run reads at most; a longer stretch is answered {@code truncated}. */
    static final int DRY_RUN_MAX_SCANNED = 10_000;
    /** Matches a dry run lists at most (all are counted). */
    static final int DRY_RUN_MAX_LISTED = 500;

    private static final String MISSING_RULE = "The automation rule does not exist.";

    private final RuleRuns runs;
    private final RuleDefinitions definitions;
    private final RuleSteps steps;
    private final TenantEventLog log;
    private final PublicEvents published;
    private final TransactionTemplate tx;

    AutomationRunController(
            RuleRuns runs,
            RuleDefinitions definitions,
            RuleSteps steps,
            TenantEventLog log,
            PublicEvents published,
            PlatformTransactionManager transactionManager) {
        this.runs = runs;
        this.definitions = definitions;
        this.steps = steps;
        this.log = log;
        this.published = published;
        this.tx = new TransactionTemplate(transactionManager);
    }

    /** The rule's runs, newest first. */
    @GetMapping("/runs")
    @PreAuthorize("hasAnyRole('OWNER','MANAGER','AUDITOR')")
    public AutomationRunPage list(
            @PathVariable UUID ruleId,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        AutomationRuleId rule = new AutomationRuleId(ruleId);
        Instant beforeAt = null;
        UUID beforeId = null;
        if (cursor != null) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                beforeAt = Instant.parse(parts[0]);
                beforeId = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, "The cursor is not one this list gave.");
            }
        }
        Instant at = beforeAt;
        UUID id = beforeId;
        List<AutomationRunResponse> page = tx.execute(s -> {
            if (definitions.find(rule).isEmpty()) {
                throw new DomainException(ErrorCode.NOT_FOUND, MISSING_RULE);
            }
            return runs.page(rule, at, id, limit + 1);
        });
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            AutomationRunResponse last = page.get(limit - 1);
            next = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((last.createdAt() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
        }
        return new AutomationRunPage(List.copyOf(page), next);
    }

    @GetMapping("/runs/{runId}")
    @PreAuthorize("hasAnyRole('OWNER','MANAGER','AUDITOR')")
    public AutomationRunResponse get(@PathVariable UUID ruleId, @PathVariable UUID runId) {
        return tx.execute(s -> runs.find(new AutomationRuleId(ruleId), runId))
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "The run does not exist."));
    }

    /** A parked run tries its failed step again (its attempts counted afresh); any other run: 409. */
    @PostMapping("/runs/{runId}/retry")
    @PreAuthorize("hasAnyRole('OWNER','MANAGER')")
    public AutomationRunResponse retry(@PathVariable UUID ruleId, @PathVariable UUID runId) {
        return resume(ruleId, runId, true);
    }

    /** A parked run skips its failed step and goes on with the next; any other run: 409. */
    @PostMapping("/runs/{runId}/skip")
    @PreAuthorize("hasAnyRole('OWNER','MANAGER')")
    public AutomationRunResponse skip(@PathVariable UUID ruleId, @PathVariable UUID runId) {
        return resume(ruleId, runId, false);
    }

    private AutomationRunResponse resume(UUID ruleId, UUID runId, boolean retry) {
        AutomationRuleId rule = new AutomationRuleId(ruleId);
        return tx.execute(s -> {
            boolean resumed = retry ? runs.retry(rule, runId) : runs.skip(rule, runId);
            if (!resumed) {
                throw new DomainException(ErrorCode.INVALID_STATE, "Only a parked run can be retried or skipped.");
            }
            steps.at(runId, Instant.now(), (retry ? "retry-" : "skip-") + UUID.randomUUID());
            return runs.find(rule, runId).orElseThrow();
        });
    }

    record DryRunRequest(@NotNull Instant from, @NotNull Instant to) {}

    /**
     * Evaluates the rule as it now stands against the tenant's stored events of its trigger between
     * {@code from} (inclusive) and {@code to} (exclusive): which would have fired, and the actions
     * they would have taken. Nothing is sent and nothing is written. At most {@value
     * #DRY_RUN_MAX_SCANNED} events are read ({@code truncated} says when more were there).
     */
    @PostMapping("/dry-run")
    @PreAuthorize("hasAnyRole('OWNER','MANAGER')")
    public DryRunResponse dryRun(@PathVariable UUID ruleId, @Valid @RequestBody DryRunRequest body) {
        if (!body.from().isBefore(body.to())) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "from must be before to.");
        }
        RuleDefinitions.Definition rule = tx.execute(s -> definitions.find(new AutomationRuleId(ruleId)))
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, MISSING_RULE));
        PublicEventType trigger = RuleConditions.trigger(rule.trigger());
        Optional<RuleConditions.Condition> condition =
                Optional.ofNullable(rule.condition()).map(expression -> RuleConditions.compile(trigger, expression));
        UUID tenant = TenantContext.current().orElseThrow().value();
        long[] counts = new long[3];
        List<DryRunResponse.Match> matches = new ArrayList<>();
        EventFilter filter =
                new EventFilter(body.from(), body.to(), trigger.eventClass().getSimpleName(), null, null, 0L);
        log.stream(filter, DRY_RUN_MAX_SCANNED + 1L, stored -> {
            if (counts[0] >= DRY_RUN_MAX_SCANNED) {
                counts[0]++;
                return;
            }
            Optional<PublicEvent> event = published.of(stored, tenant).filter(e -> e.type() == trigger);
            if (event.isEmpty()) {
                return;
            }
            counts[0]++;
            boolean fired;
            try {
                fired = condition.map(c -> c.test(event.get())).orElse(true);
            } catch (RuleConditions.ConditionFailed e) {
                counts[2]++;
                return;
            }
            if (fired) {
                counts[1]++;
                if (matches.size() < DRY_RUN_MAX_LISTED) {
                    PublicEvent e = event.get();
                    matches.add(new DryRunResponse.Match(
                            e.id(), e.occurredAt(), e.position(), e.aggregateId(), rule.actions()));
                }
            }
        });
        boolean truncated = counts[0] > DRY_RUN_MAX_SCANNED;
        return new DryRunResponse(
                rule.trigger(),
                rule.version(),
                body.from(),
                body.to(),
                Math.min(counts[0], DRY_RUN_MAX_SCANNED),
                counts[1],
                counts[2],
                truncated,
                List.copyOf(matches));
    }
}
