package dev.tenantcore.command.crm;

import static dev.tenantcore.command.common.CommandFixtures.ACME;
import static dev.tenantcore.command.common.CommandFixtures.GLOBEX;
import static dev.tenantcore.command.common.CommandFixtures.assertRefused;
import static dev.tenantcore.command.common.CommandFixtures.fixtureFor;
import static dev.tenantcore.command.common.CommandFixtures.from;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.crm.LifecycleStagesId;
import dev.tenantcore.api.crm.LifecycleStagesSetEvent;
import dev.tenantcore.api.crm.SetLifecycleStagesCommand;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("ContactStageList")
class ContactStageListTest {

    private static final LifecycleStagesId ACME_STAGES = LifecycleStagesId.of(ACME);

    /** The command-side record the contacts read. */
    private final List<String> recorded = new ArrayList<>();

    private final FixtureConfiguration<ContactStageList> fixture = fixtureFor(ContactStageList.class, new StageLists() {
        @Override
        public List<String> current() {
            return recorded;
        }

        @Override
        public void set(List<String> stages) {
            recorded.clear();
            recorded.addAll(stages);
        }
    });

    @Test
    @DisplayName("a tenant's first list creates its stages, in lower case and in order")
    void first() {
        fixture.givenNoPriorActivity()
                .when(new SetLifecycleStagesCommand(ACME_STAGES, List.of("Prospect", "client")), from(ACME))
                .expectEvents(new LifecycleStagesSetEvent(ACME_STAGES, ACME, List.of("prospect", "client")))
                .expectResultMessagePayload(0L);
        assertThat(recorded).containsExactly("prospect", "client");
    }

    @Test
    @DisplayName("a new list replaces the old one; the same list again records nothing")
    void replace() {
        LifecycleStagesSetEvent set = new LifecycleStagesSetEvent(ACME_STAGES, ACME, List.of("prospect", "client"));
        fixture.given(set)
                .when(new SetLifecycleStagesCommand(ACME_STAGES, List.of("lead", "won")), from(ACME))
                .expectEvents(new LifecycleStagesSetEvent(ACME_STAGES, ACME, List.of("lead", "won")))
                .expectResultMessagePayload(1L);
        fixture.given(set)
                .when(new SetLifecycleStagesCommand(ACME_STAGES, List.of("prospect", "client")), from(ACME))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    @DisplayName("another tenant's stages do not exist for a caller")
    void otherTenant() {
        assertRefused(
                fixture.givenNoPriorActivity(),
                new SetLifecycleStagesCommand(ACME_STAGES, List.of("lead")),
                GLOBEX,
                AggregateNotFoundException.class);
    }

    @ParameterizedTest(name = "stages \"{0}\"")
    @ValueSource(strings = {"", "two words", "1st", "dup,dup"})
    @DisplayName("a list with an empty, spaced, numeric-first or repeated stage is refused as invalid")
    void invalid(String stages) {
        assertRefused(
                fixture.givenNoPriorActivity(),
                new SetLifecycleStagesCommand(ACME_STAGES, List.of(stages.split(",", -1))),
                ACME,
                ErrorCode.VALIDATION_FAILED);
    }
}
