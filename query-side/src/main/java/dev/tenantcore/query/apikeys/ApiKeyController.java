package dev.tenantcore.query.apikeys;

import dev.tenantcore.api.apikeys.ApiKeyId;
import dev.tenantcore.api.apikeys.ApiKeyPage;
import dev.tenantcore.api.apikeys.ApiKeyResponse;
import dev.tenantcore.api.apikeys.FindApiKeyQuery;
import dev.tenantcore.api.apikeys.ListApiKeysQuery;
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
 * Owners list their tenant's API keys, revoked ones included; no answer ever holds a secret.
 * Public methods because method security works through a proxy.
 */
@RestController
@RequestMapping("/api/v1/api-keys")
@PreAuthorize("hasRole('OWNER')")
class ApiKeyController {

    private final ReadQueries queries;

    ApiKeyController(ReadQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    public ApiKeyPage list(
            @RequestParam(defaultValue = "" + PageSize.DEFAULT) @Min(1) @Max(PageSize.MAX) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        return queries.one(new ListApiKeysQuery(limit, cursor), ApiKeyPage.class);
    }

    @GetMapping("/{id}")
    public ResponseEntity<ApiKeyResponse> get(@PathVariable UUID id) {
        return queries.versioned(
                new FindApiKeyQuery(new ApiKeyId(id)),
                ApiKeyResponse.class,
                ApiKeyResponse::version,
                "The API key does not exist.");
    }
}
