package dev.tenantcore.command.apikeys;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import dev.tenantcore.api.apikeys.ApiKeyCreatedEvent;
import dev.tenantcore.api.apikeys.ApiKeyId;
import dev.tenantcore.api.apikeys.ApiKeyRevokedEvent;
import dev.tenantcore.api.apikeys.CreateApiKeyCommand;
import dev.tenantcore.api.apikeys.RevokeApiKeyCommand;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.command.common.TenantOwned;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A credential with which one tenant's servers call the API.
 *
 * <p>Invariants: a key belongs to exactly one tenant, never to the platform; it carries at least
 * one role and only the roles {@link #GRANTABLE} ({@code manager}, {@code staff}) — never
 * {@code owner}, so a leaked key can neither mint further keys nor manage the tenant's people; the
 * secret is known only as a SHA-256 hash; an expiry, when given, lies in the future; a revoked key
 * stays revoked.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
public class ApiKey extends TenantOwned {

    static final Set<Role> GRANTABLE = EnumSet.of(Role.MANAGER, Role.STAFF);
    private static final Pattern SHA256_HEX = Pattern.compile("^[0-9a-f]{64}$");
    private static final Pattern PREFIX = Pattern.compile("^tck_[0-9a-f]{12}$");

    @AggregateIdentifier
    private ApiKeyId id;

    private boolean revoked;

    protected ApiKey() {}

    @CommandHandler
    public ApiKey(CreateApiKeyCommand command, @MetaDataValue(MetadataKeys.TENANT_ID) String tenant) {
        TenantId owner = TenantId.of(tenant);
        if (owner.isPlatform()) {
            throw Rules.invalid("API keys belong to a tenant, not to the platform");
        }
        String name = Rules.text("name", command.name(), 100);
        if (command.roles() == null || command.roles().isEmpty()) {
            throw Rules.invalid("roles must name at least one role");
        }
        if (!GRANTABLE.containsAll(command.roles())) {
            throw Rules.invalid("an API key may carry only the roles manager and staff");
        }
        if (command.secretHash() == null
                || !SHA256_HEX.matcher(command.secretHash()).matches()) {
            throw Rules.invalid("secretHash must be a hex SHA-256");
        }
        if (command.prefix() == null || !PREFIX.matcher(command.prefix()).matches()) {
            throw Rules.invalid("prefix is not an API key prefix");
        }
        if (command.expiresAt() != null && !command.expiresAt().isAfter(Instant.now())) {
            throw Rules.invalid("expiresAt must be in the future");
        }
        apply(new ApiKeyCreatedEvent(
                command.apiKeyId(),
                owner,
                name,
                command.prefix(),
                command.secretHash(),
                Set.copyOf(EnumSet.copyOf(command.roles())),
                command.expiresAt()));
    }

    /** Revoking twice changes nothing, so a retried DELETE is harmless. */
    @CommandHandler
    public long handle(RevokeApiKeyCommand command) {
        if (!revoked) {
            apply(new ApiKeyRevokedEvent(id));
        }
        return getVersion();
    }

    @EventSourcingHandler
    void on(ApiKeyCreatedEvent event) {
        id = event.apiKeyId();
        tenantId = event.tenantId();
        revoked = false;
    }

    @EventSourcingHandler
    void on(ApiKeyRevokedEvent event) {
        revoked = true;
    }

    @Override
    protected String aggregateId() {
        return String.valueOf(id);
    }
}
