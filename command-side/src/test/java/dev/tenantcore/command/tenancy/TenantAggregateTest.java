package dev.tenantcore.command.tenancy;

import static dev.tenantcore.command.common.CommandFixtures.fixtureFor;

import dev.tenantcore.command.common.InMemoryMediaLookup;
import dev.tenantcore.command.common.InMemoryTenantFacts;
import dev.tenantcore.command.common.InMemoryUniqueKeys;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;

/** A {@link Tenant} fixture with its collaborators in memory, registering through {@link TenantRegistration}. */
abstract class TenantAggregateTest {

    final InMemoryUniqueKeys keys = new InMemoryUniqueKeys();
    final InMemoryDomainClaims claims = new InMemoryDomainClaims(keys);
    final InMemoryTenantFacts facts = new InMemoryTenantFacts();
    final InMemoryTrials trials = new InMemoryTrials();
    final InMemoryPendingSignUps signUps = new InMemoryPendingSignUps();
    final InMemoryMediaLookup media = new InMemoryMediaLookup();
    FixtureConfiguration<Tenant> fixture;

    @BeforeEach
    void setUpFixture() {
        fixture = fixtureFor(Tenant.class, keys, claims, facts, trials, signUps, media);
        fixture.registerAnnotatedCommandHandler(new TenantRegistration(fixture.getRepository()));
    }
}
