package dev.tenantcore.command.apikeys;

import dev.tenantcore.api.apikeys.ApiKeyId;
import dev.tenantcore.api.apikeys.ApiKeyResponse;
import dev.tenantcore.api.apikeys.CreateApiKeyCommand;
import dev.tenantcore.api.apikeys.FindApiKeyQuery;
import dev.tenantcore.api.apikeys.RevokeApiKeyCommand;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.command.common.CommandHeaders;
import dev.tenantcore.command.common.CommandResource;
import dev.tenantcore.command.common.CommandResponses;
import dev.tenantcore.infra.security.ApiKeySecrets;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Owners create and revoke their tenant's API keys. Only owners: keys never carry the owner role,
 * so no key can create or revoke keys. The key's read model is written in the command's own
 * transaction, so a created key authenticates, and a revoked one fails, from the next request on.
 */
@RestController
@RequestMapping("/api/v1/api-keys")
@PreAuthorize("hasRole('OWNER')")
class ApiKeyCommandController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final CommandResource<ApiKeyId, ApiKeyResponse> keys;

    ApiKeyCommandController(CommandGateway commands, QueryGateway queries, CommandResponses responses) {
        this.commands = commands;
        this.queries = queries;
        this.keys = responses.resource(
                "/api/v1/api-keys", ApiKeyId::new, FindApiKeyQuery::new, ApiKeyResponse.class, ApiKeyResponse::version);
    }

    record CreateApiKeyRequest(
            @NotBlank @Size(max = 100) String name,
            @NotEmpty @Size(max = 2) List<@NotNull Role> roles,
            @Future Instant expiresAt) {}

    /** The only answer that ever carries the secret. */
    record CreatedApiKey(
            ApiKeyId id,
            String name,
            String prefix,
            List<Role> roles,
            Instant createdAt,
            Instant expiresAt,
            String secret,
            long version) {}

    @PostMapping
    public ResponseEntity<CreatedApiKey> create(@Valid @RequestBody CreateApiKeyRequest body) {
        ApiKeyId id = ApiKeyId.random();
        ApiKeySecrets.Issued issued = ApiKeySecrets.issue(id.value());
        commands.sendAndWait(new CreateApiKeyCommand(
                id, body.name(), issued.prefix(), issued.hash(), EnumSet.copyOf(body.roles()), body.expiresAt()));
        ApiKeyResponse key = queries.query(new FindApiKeyQuery(id), ResponseTypes.instanceOf(ApiKeyResponse.class))
                .join();
        if (key == null) {
            throw new IllegalStateException("the API key read model did not record key " + id);
        }
        return ResponseEntity.created(URI.create("/api/v1/api-keys/" + id))
                .eTag("\"" + key.version() + "\"")
                .cacheControl(CacheControl.noStore())
                .body(new CreatedApiKey(
                        id,
                        key.name(),
                        key.prefix(),
                        key.roles(),
                        key.createdAt(),
                        key.expiresAt(),
                        issued.secret(),
                        key.version()));
    }

    /** Revokes the key; revoking a revoked key again answers the same. */
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> revoke(@PathVariable UUID id, CommandHeaders headers) {
        return keys.remove(id, headers, RevokeApiKeyCommand::new);
    }
}
