package dev.tenantcore.query.automations;

import dev.tenantcore.api.automations.rules.AutomationRuleId;
import dev.tenantcore.api.automations.rules.AutomationRulePage;
import dev.tenantcore.api.automations.rules.AutomationRuleResponse;
import dev.tenantcore.api.automations.rules.FindAutomationRuleQuery;
import dev.tenantcore.api.automations.rules.ListAutomationRulesQuery;
import dev.tenantcore.query.support.PageSize;
import dev.tenantcore.query.support.ReadQueries;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Owners, managers and auditors read the tenant's automation rules.
 *
 * <p>The handler methods are public because method security is enforced by a proxy.
 */
@RestController
@PreAuthorize("hasAnyRole('OWNER','MANAGER','AUDITOR')")
@RequestMapping("/api/v1/automations/rules")
class AutomationRuleQueryController {

    private static final String MISSING = "The automation rule does not exist.";

    private final ReadQueries queries;

    AutomationRuleQueryController(ReadQueries queries) {
        this.queries = queries;
    }

    /** The tenant's rules, oldest first. */
    @GetMapping
    public AutomationRulePage list(
            @RequestParam(defaultValue = "" + PageSize.DEFAULT) @Min(1) @Max(PageSize.MAX) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        return queries.one(new ListAutomationRulesQuery(limit, cursor), AutomationRulePage.class);
    }

    /** The rule with its version as {@code ETag}. */
    @GetMapping("/{id}")
    public ResponseEntity<AutomationRuleResponse> get(@PathVariable UUID id) {
        return queries.versioned(
                new FindAutomationRuleQuery(new AutomationRuleId(id)),
                AutomationRuleResponse.class,
                AutomationRuleResponse::version,
                MISSING);
    }
}
