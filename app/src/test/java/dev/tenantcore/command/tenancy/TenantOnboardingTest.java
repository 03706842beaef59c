package dev.tenantcore.command.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.tenancy.RegisterTenantCommand;
import dev.tenantcore.api.tenancy.SignUpVerification;
import dev.tenantcore.api.tenancy.TenantModulePreset;
import dev.tenantcore.app.support.IntegrationTest;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A tenant and its first owner come to be together or not at all: an owner refused after the
 * tenant's registration leaves no tenant, no claimed slug or domain and no pending sign-up behind.
 */
@IntegrationTest
@DisplayName("Onboarding a tenant with its owner")
class TenantOnboardingTest {

    @Autowired
    TenantOnboarding onboarding;

    @Autowired
    JdbcTemplate jdbc;

    private static RegisterTenantCommand signUp(TenantId tenant, UserId owner, String slug) {
        return new RegisterTenantCommand(
                tenant,
                "Acme " + slug,
                slug,
                List.of(slug + ".tenantcore.test"),
                TenantModulePreset.CRM_ONLY.modules(),
                null,
                new SignUpVerification(
                        owner,
                        "owner@" + slug + ".example",
                        "a".repeat(64),
                        Instant.now().plus(Duration.ofDays(2))));
    }

    /** As the sign-up and the platform's registration do it, in the platform's scope. */
    private void register(TenantId tenant, UserId owner, String slug, String ownerEmail) {
        try (var scope = TenantContext.enter(TenantId.PLATFORM, null)) {
            onboarding.register(
                    signUp(tenant, owner, slug),
                    new TenantOnboarding.Owner(owner, ownerEmail, "owner-password-1", null));
        }
    }

    private long rows(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    @Test
    @DisplayName("an owner refused after the tenant's registration leaves no tenant, slug, domain or pending sign-up")
    void refusedOwnerLeavesNoTenant() {
        TenantId tenant = TenantId.random();
        UserId owner = UserId.random();
        String slug = "onboard-" + UUID.randomUUID().toString().substring(0, 8);

        assertThatThrownBy(() -> register(tenant, owner, slug, "not an address"))
                .isInstanceOf(RuntimeException.class);

        assertThat(rows("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", tenant.toString()))
                .as("tenant events")
                .isZero();
        assertThat(rows(
                        "SELECT count(*) FROM platform_unique_keys WHERE key IN (?, ?)",
                        slug,
                        slug + ".tenantcore.test"))
                .as("slug and domain claims")
                .isZero();
        assertThat(rows("SELECT count(*) FROM pending_sign_ups WHERE signup_tenant_id = ?", tenant.value()))
                .isZero();
        assertThat(rows("SELECT count(*) FROM tenant_facts WHERE id = ?", tenant.value()))
                .isZero();
    }

    @Test
    @DisplayName("a tenant with an accepted owner has both")
    void bothRegistered() {
        TenantId tenant = TenantId.random();
        UserId owner = UserId.random();
        String slug = "onboard-" + UUID.randomUUID().toString().substring(0, 8);

        register(tenant, owner, slug, "owner@" + slug + ".example");

        assertThat(rows("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", tenant.toString()))
                .isPositive();
        assertThat(rows("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", owner.toString()))
                .isPositive();
    }
}
