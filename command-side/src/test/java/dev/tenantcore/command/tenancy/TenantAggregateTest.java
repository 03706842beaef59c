package dev.tenantcore.command.tenancy;

import static dev.tenantcore.command.common.CommandFixtures.fixtureFor;

import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.command.common.InMemoryMediaLookup;
import dev.tenantcore.command.common.InMemoryTenantFacts;
import dev.tenantcore.command.common.InMemoryUniqueKeys;
import dev.tenantcore.infra.credentials.SubjectKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.crypto.SecretKey;
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
    /** The tenants whose keys were shredded, in order; each shred deletes {@link #KEYS_PER_TENANT}. */
    final List<TenantId> shredded = new ArrayList<>();

    static final int KEYS_PER_TENANT = 3;

    final SubjectKeys subjectKeys = new SubjectKeys() {
        @Override
        public SecretKey keyFor(TenantId tenant, DataSubject subject, String subjectId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<SecretKey> find(TenantId tenant, DataSubject subject, String subjectId) {
            return Optional.empty();
        }

        @Override
        public boolean shred(DataSubject subject, String subjectId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int shredTenant(TenantId tenant) {
            shredded.add(tenant);
            return KEYS_PER_TENANT;
        }
    };
    FixtureConfiguration<Tenant> fixture;

    @BeforeEach
    void setUpFixture() {
        fixture = fixtureFor(Tenant.class, keys, claims, facts, trials, signUps, media, subjectKeys);
        fixture.registerAnnotatedCommandHandler(new TenantRegistration(fixture.getRepository()));
    }
}
