package dev.tenantcore.query.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.apikeys.ApiKeyCreatedEvent;
import dev.tenantcore.api.apikeys.ApiKeyId;
import dev.tenantcore.api.apikeys.ApiKeyPage;
import dev.tenantcore.api.apikeys.ApiKeyResponse;
import dev.tenantcore.api.apikeys.ApiKeyRevokedEvent;
import dev.tenantcore.api.apikeys.FindApiKeyQuery;
import dev.tenantcore.api.apikeys.ListApiKeysQuery;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.query.support.History;
import dev.tenantcore.query.support.ProjectionContract;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The API key projection")
class ApiKeyProjectionTest extends ProjectionContract<ApiKeyProjection> {

    private final ApiKeyId kept = new ApiKeyId(id());
    private final ApiKeyId revoked = new ApiKeyId(id());

    ApiKeyProjectionTest() {
        super(ApiKeyProjection::new, "api_keys");
    }

    @Override
    protected History history(TenantId tenant) {
        return new History(tenant)
                .of(kept, created(kept, tenant, "reporting", Set.of(Role.STAFF, Role.MANAGER), null))
                .of(revoked, created(revoked, tenant, "old", Set.of(Role.OWNER), Instant.parse("2027-01-01T00:00:00Z")))
                .of(revoked, new ApiKeyRevokedEvent(revoked));
    }

    /** The secret hash is unique per tenant: each tenant's keys get their own. */
    private static ApiKeyCreatedEvent created(
            ApiKeyId id, TenantId tenant, String name, Set<Role> roles, Instant expiresAt) {
        return new ApiKeyCreatedEvent(id, tenant, name, "tc_" + name, "sha256-" + id + tenant, roles, expiresAt);
    }

    @Test
    @DisplayName("answers each tenant with its own keys, roles and revocations")
    void answersEachTenant() {
        ApiKeyResponse key = ask(first, p -> p.handle(new FindApiKeyQuery(kept)));
        assertThat(key.roles()).containsExactly(Role.MANAGER, Role.STAFF);
        assertThat(key.revoked()).isFalse();
        ApiKeyResponse gone = ask(second, p -> p.handle(new FindApiKeyQuery(revoked)));
        assertThat(gone.revoked()).isTrue();
        assertThat(gone.version()).isEqualTo(1);
        assertThat(gone.expiresAt()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));

        ApiKeyPage page = ask(second, p -> p.handle(new ListApiKeysQuery(1, null)));
        assertThat(page.items()).extracting(ApiKeyResponse::id).containsExactly(kept);
        ApiKeyPage next = ask(second, p -> p.handle(new ListApiKeysQuery(1, page.nextCursor())));
        assertThat(next.items()).extracting(ApiKeyResponse::id).containsExactly(revoked);
        assertThat(next.nextCursor()).isNull();
    }
}
