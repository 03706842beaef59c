package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.ErrorDetails;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.RegisterUserCommand;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.app.support.ApiTest;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.infra.tenancy.TenantContext;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A suspended tenant is refused on the command bus too, not only at the HTTP edge: a command that a
 * policy or saga sends in its name (the tenant in the message metadata, no HTTP request) gets the
 * edge's code, and the platform's own commands for it still work.
 */
class TenantStandingOnCommandBusTest extends ApiTest {

    @Autowired
    CommandGateway commands;

    @Autowired
    JdbcTemplate jdbc;

    /** As a policy sends it: inside the tenant's scope, which puts the tenant into the metadata. */
    private Object sendAsPolicyOf(Platform.Shop shop, Object command) {
        try (var scope = TenantContext.enter(TenantId.of(shop.id()), null)) {
            return commands.sendAndWait(command);
        }
    }

    private static RegisterUserCommand newStaff(Platform.Shop shop) {
        UserId user = UserId.random();
        return new RegisterUserCommand(
                user, "policy-" + user.value() + "@" + shop.slug() + ".example", "not-a-usable-hash", null, Role.STAFF);
    }

    private long aggregates(UserId user) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class,
                user.value().toString());
    }

    @Test
    @DisplayName("a command a policy sends for a suspended tenant is refused with tenant_suspended and records "
            + "nothing; once the platform reactivates the tenant the same command passes")
    void suspendedTenant() {
        Platform.Shop shop = platform.newShop();
        String admin = platform.adminToken();
        sendAsPolicyOf(shop, newStaff(shop));

        platform.suspend(admin, shop);
        platform.awaitStorefrontRefuses(shop.domain(), "tenant_suspended");

        RegisterUserCommand refused = newStaff(shop);
        assertThatThrownBy(() -> sendAsPolicyOf(shop, refused))
                .isInstanceOfSatisfying(
                        CommandExecutionException.class,
                        e -> assertThat(e.getDetails())
                                .hasValueSatisfying(d ->
                                        assertThat(((ErrorDetails) d).code()).isEqualTo(ErrorCode.TENANT_SUSPENDED)));
        assertThat(aggregates(refused.userId())).isZero();

        api.post("/api/v1/platform/tenants/" + shop.id() + "/reactivate")
                .bearer(admin)
                .send()
                .assertStatus(200);
        platform.awaitStorefrontServes(shop.domain());
        RegisterUserCommand admitted = newStaff(shop);
        sendAsPolicyOf(shop, admitted);
        assertThat(aggregates(admitted.userId())).isPositive();
    }
}
