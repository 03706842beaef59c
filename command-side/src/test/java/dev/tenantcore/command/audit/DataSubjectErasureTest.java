package dev.tenantcore.command.audit;

import static dev.tenantcore.command.common.CommandFixtures.ACME;
import static dev.tenantcore.command.common.CommandFixtures.GLOBEX;
import static dev.tenantcore.command.common.CommandFixtures.assertRefused;
import static dev.tenantcore.command.common.CommandFixtures.fixtureFor;
import static dev.tenantcore.command.common.CommandFixtures.from;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.audit.DataSubjectErasedEvent;
import dev.tenantcore.api.audit.EraseDataSubjectCommand;
import dev.tenantcore.api.audit.SubjectErasureId;
import dev.tenantcore.api.audit.SubjectErasureResponse;
import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.infra.audit.TenantSnapshots;
import dev.tenantcore.infra.credentials.SubjectKeys;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("DataSubjectErasure")
class DataSubjectErasureTest {

    private static final UUID CONTACT = UUID.randomUUID();
    private static final UserId OWNER = UserId.random();
    private static final SubjectErasureId ERASURE = SubjectErasureId.of(ACME, DataSubject.CONTACT, CONTACT);

    /** The subjects whose keys exist, as "type/id". */
    private final Set<String> keys = new HashSet<>(Set.of("contact/" + CONTACT));

    private final List<String> snapshotDrops = new ArrayList<>();

    private final AggregateTestFixture<DataSubjectErasure> fixture =
            fixtureFor(DataSubjectErasure.class, new MapKeys(), new TenantSnapshots(null) {
                @Override
                public int dropAll() {
                    snapshotDrops.add("dropped");
                    return 1;
                }
            });

    private final class MapKeys implements SubjectKeys {
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
            return keys.remove(subject.wireName() + "/" + subjectId);
        }

        @Override
        public int shredTenant(TenantId tenant) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    @DisplayName(
            "erasing shreds the subject's key, drops the snapshots and records who erased whom, without personal data")
    void erases() {
        fixture.givenNoPriorActivity()
                .when(new EraseDataSubjectCommand(ERASURE, DataSubject.CONTACT, CONTACT, OWNER), from(ACME))
                .expectEvents(new DataSubjectErasedEvent(
                        ERASURE, ACME, DataSubject.CONTACT, CONTACT, OWNER, fixture.currentTime(), true))
                .expectResultMessagePayload(
                        new SubjectErasureResponse("contact", CONTACT, OWNER.value(), fixture.currentTime(), true));
        assertThat(keys).isEmpty();
        assertThat(snapshotDrops).hasSize(1);
    }

    @Test
    @DisplayName("erasing an erased subject records nothing and answers the first erasure")
    void idempotent() {
        var first = new DataSubjectErasedEvent(
                ERASURE, ACME, DataSubject.CONTACT, CONTACT, OWNER, fixture.currentTime(), true);
        fixture.given(first)
                .when(new EraseDataSubjectCommand(ERASURE, DataSubject.CONTACT, CONTACT, UserId.random()), from(ACME))
                .expectNoEvents()
                .expectResultMessagePayload(
                        new SubjectErasureResponse("contact", CONTACT, OWNER.value(), fixture.currentTime(), true));
        assertThat(snapshotDrops).isEmpty();
    }

    @Test
    @DisplayName("a subject whose data was never encrypted is erased with keyShredded false")
    void noKey() {
        UUID lead = UUID.randomUUID();
        SubjectErasureId erasure = SubjectErasureId.of(ACME, DataSubject.LEAD, lead);
        fixture.givenNoPriorActivity()
                .when(new EraseDataSubjectCommand(erasure, DataSubject.LEAD, lead, OWNER), from(ACME))
                .expectEvents(new DataSubjectErasedEvent(
                        erasure, ACME, DataSubject.LEAD, lead, OWNER, fixture.currentTime(), false));
    }

    @Test
    @DisplayName("another tenant's erasure does not exist for a caller, and its key stays")
    void otherTenant() {
        assertRefused(
                fixture.givenNoPriorActivity(),
                new EraseDataSubjectCommand(ERASURE, DataSubject.CONTACT, CONTACT, OWNER),
                GLOBEX,
                AggregateNotFoundException.class);
        assertThat(keys).containsExactly("contact/" + CONTACT);
    }

    @Test
    @DisplayName("an erasure id that is not the subject's is refused as missing")
    void mismatchedId() {
        assertRefused(
                fixture.givenNoPriorActivity(),
                new EraseDataSubjectCommand(ERASURE, DataSubject.USER, CONTACT, OWNER),
                ACME,
                AggregateNotFoundException.class);
    }
}
