package dev.tenantcore.command.crm;

import static dev.tenantcore.command.common.CommandFixtures.ACME;
import static dev.tenantcore.command.common.CommandFixtures.assertRefused;
import static dev.tenantcore.command.common.CommandFixtures.fixtureFor;
import static dev.tenantcore.command.common.CommandFixtures.from;
import static dev.tenantcore.command.common.Refusals.refusal;
import static dev.tenantcore.command.common.Transitions.transition;

import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.ConsentPurpose;
import dev.tenantcore.api.crm.CustomFieldId;
import dev.tenantcore.api.crm.CustomFieldType;
import dev.tenantcore.api.crm.LifecycleStages;
import dev.tenantcore.api.crm.segment.ConsentCondition;
import dev.tenantcore.api.crm.segment.CreateSegmentCommand;
import dev.tenantcore.api.crm.segment.CreatedCondition;
import dev.tenantcore.api.crm.segment.DeleteSegmentCommand;
import dev.tenantcore.api.crm.segment.FieldContainsCondition;
import dev.tenantcore.api.crm.segment.FieldEqualsCondition;
import dev.tenantcore.api.crm.segment.FieldRangeCondition;
import dev.tenantcore.api.crm.segment.HasOrderedCondition;
import dev.tenantcore.api.crm.segment.LastActivityCondition;
import dev.tenantcore.api.crm.segment.OwnerCondition;
import dev.tenantcore.api.crm.segment.SegmentCondition;
import dev.tenantcore.api.crm.segment.SegmentCreatedEvent;
import dev.tenantcore.api.crm.segment.SegmentDeletedEvent;
import dev.tenantcore.api.crm.segment.SegmentFilter;
import dev.tenantcore.api.crm.segment.SegmentId;
import dev.tenantcore.api.crm.segment.SegmentMatch;
import dev.tenantcore.api.crm.segment.SegmentUpdatedEvent;
import dev.tenantcore.api.crm.segment.StageCondition;
import dev.tenantcore.api.crm.segment.TagMatch;
import dev.tenantcore.api.crm.segment.TagsCondition;
import dev.tenantcore.api.crm.segment.TotalSpentCondition;
import dev.tenantcore.api.crm.segment.UpdateSegmentCommand;
import dev.tenantcore.command.common.Refusals;
import dev.tenantcore.command.common.Transitions;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

@DisplayName("Segment")
class SegmentTest implements Transitions, Refusals {

    private static final SegmentId BUYERS = SegmentId.random();
    private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant JUN = Instant.parse("2026-06-01T00:00:00Z");
    private static final List<CustomFieldDefinitions.Definition> FIELDS = List.of(
            new CustomFieldDefinitions.Definition(
                    CustomFieldId.random(), "budget", CustomFieldType.NUMBER, List.of(), false, false),
            new CustomFieldDefinitions.Definition(
                    CustomFieldId.random(), "vat_id", CustomFieldType.TEXT, List.of(), false, false),
            new CustomFieldDefinitions.Definition(
                    CustomFieldId.random(), "renewal", CustomFieldType.DATE, List.of(), false, false),
            new CustomFieldDefinitions.Definition(
                    CustomFieldId.random(),
                    "interests",
                    CustomFieldType.MULTI_SELECT,
                    List.of("shoes", "hats"),
                    false,
                    false));

    private final FixtureConfiguration<Segment> fixture = fixtureFor(
            Segment.class,
            new StageLists() {
                @Override
                public List<String> current() {
                    return LifecycleStages.DEFAULT;
                }

                @Override
                public void set(List<String> stages) {}
            },
            new CustomFieldDefinitions() {
                @Override
                public List<Definition> all() {
                    return FIELDS;
                }

                @Override
                public void defined(Definition definition) {}

                @Override
                public void renamed(CustomFieldId id, String key) {}

                @Override
                public void removed(CustomFieldId id) {}
            });

    @Override
    public FixtureConfiguration<Segment> fixture() {
        return fixture;
    }

    private static SegmentFilter all(SegmentCondition... conditions) {
        return new SegmentFilter(SegmentMatch.ALL, List.of(conditions));
    }

    private static SegmentCreatedEvent created() {
        return new SegmentCreatedEvent(BUYERS, ACME, "Buyers", all(new HasOrderedCondition(true)));
    }

    private static CreateSegmentCommand create(SegmentFilter filter) {
        return new CreateSegmentCommand(BUYERS, "Buyers", filter);
    }

    private static Arguments refusedFilter(String description, SegmentCondition... conditions) {
        return refusal(
                "a filter with " + description + " is refused as an invalid filter",
                List.of(),
                create(all(conditions)),
                ErrorCode.INVALID_SEGMENT_FILTER);
    }

    static Stream<Arguments> transitions() {
        List<Object> created = List.of(created());
        SegmentFilter leads = all(new StageCondition(List.of("lead")));
        return Stream.of(
                transition(
                        "a new name keeps the filter",
                        created,
                        new UpdateSegmentCommand(BUYERS, null, "Customers", null),
                        1L,
                        new SegmentUpdatedEvent(BUYERS, "Customers", all(new HasOrderedCondition(true)))),
                transition(
                        "a new filter keeps the name",
                        created,
                        new UpdateSegmentCommand(BUYERS, 0L, null, leads),
                        1L,
                        new SegmentUpdatedEvent(BUYERS, "Buyers", leads)),
                transition(
                        "the same name and filter record nothing",
                        created,
                        new UpdateSegmentCommand(BUYERS, null, "Buyers", all(new HasOrderedCondition(true))),
                        0L));
    }

    static Stream<Arguments> refusals() {
        SegmentCondition ordered = new HasOrderedCondition(true);
        return Stream.of(
                refusal(
                        "a blank name is refused as invalid",
                        List.of(),
                        new CreateSegmentCommand(BUYERS, " ", all(ordered)),
                        ErrorCode.VALIDATION_FAILED),
                refusal(
                        "a name of 101 characters is refused as invalid",
                        List.of(),
                        new CreateSegmentCommand(BUYERS, "x".repeat(101), all(ordered)),
                        ErrorCode.VALIDATION_FAILED),
                refusal(
                        "a segment without a filter is refused as an invalid filter",
                        List.of(),
                        create(null),
                        ErrorCode.INVALID_SEGMENT_FILTER),
                refusal(
                        "a filter without all or any is refused as an invalid filter",
                        List.of(),
                        create(new SegmentFilter(null, List.of(ordered))),
                        ErrorCode.INVALID_SEGMENT_FILTER),
                refusal(
                        "a filter without conditions is refused as an invalid filter",
                        List.of(),
                        create(new SegmentFilter(SegmentMatch.ANY, List.of())),
                        ErrorCode.INVALID_SEGMENT_FILTER),
                refusal(
                        "a filter of 21 conditions is refused as an invalid filter",
                        List.of(),
                        create(new SegmentFilter(SegmentMatch.ANY, Collections.nCopies(21, ordered))),
                        ErrorCode.INVALID_SEGMENT_FILTER),
                refusal(
                        "a filter with a null condition is refused as an invalid filter",
                        List.of(),
                        create(new SegmentFilter(SegmentMatch.ANY, java.util.Arrays.asList(ordered, null))),
                        ErrorCode.INVALID_SEGMENT_FILTER),
                refusedFilter("an unknown stage", new StageCondition(List.of("lead", "prospect"))),
                refusedFilter(
                        "51 stages",
                        new StageCondition(
                                IntStream.range(0, 51).mapToObj(i -> "lead").toList())),
                refusedFilter("tags without any, all or none", new TagsCondition(null, List.of("vip"))),
                refusedFilter("a tag that is no tag", new TagsCondition(TagMatch.ANY, List.of("#vip!"))),
                refusedFilter("no tags", new TagsCondition(TagMatch.ALL, List.of())),
                refusedFilter("an unknown custom field", new FieldEqualsCondition("shoe_size", "42")),
                refusedFilter("text for a number field", new FieldEqualsCondition("budget", "lots")),
                refusedFilter("a day that is no date", new FieldEqualsCondition("renewal", "2026-02-30")),
                refusedFilter(
                        "a choice a multi-select field does not offer", new FieldEqualsCondition("interests", "socks")),
                refusedFilter("contains on a number field", new FieldContainsCondition("budget", "4")),
                refusedFilter("contains nothing", new FieldContainsCondition("vat_id", " ")),
                refusedFilter("a range of a text field", new FieldRangeCondition("vat_id", "a", "b")),
                refusedFilter("a range without bounds", new FieldRangeCondition("budget", null, null)),
                refusedFilter("a reversed range", new FieldRangeCondition("budget", "10", "5")),
                refusedFilter("a date range of no dates", new FieldRangeCondition("renewal", "soon", null)),
                refusedFilter("consent without a purpose", new ConsentCondition(null)),
                refusedFilter("last activity without bounds", new LastActivityCondition(null, null)),
                refusedFilter("created in a reversed range", new CreatedCondition(JUN, JAN)),
                refusedFilter("spending in no currency", new TotalSpentCondition("EURO", 100L, null)),
                refusedFilter("a negative amount spent", new TotalSpentCondition("EUR", -1L, null)),
                refusedFilter("spending without bounds", new TotalSpentCondition("EUR", null, null)),
                refusedFilter("spending at least more than at most", new TotalSpentCondition("EUR", 500L, 100L)),
                refusedFilter("an owner condition without an owner", new OwnerCondition(null)),
                refusal(
                        "a change to an unknown stage is refused as an invalid filter",
                        List.of(created()),
                        new UpdateSegmentCommand(BUYERS, null, null, all(new StageCondition(List.of("prospect")))),
                        ErrorCode.INVALID_SEGMENT_FILTER),
                refusal(
                        "a change to a blank name is refused as invalid",
                        List.of(created()),
                        new UpdateSegmentCommand(BUYERS, null, "", null),
                        ErrorCode.VALIDATION_FAILED));
    }

    @Test
    @DisplayName("a segment records its filter as data, normalised as contacts store their values")
    void create() {
        UserId owner = UserId.random();
        fixture.givenNoPriorActivity()
                .when(
                        create(new SegmentFilter(
                                SegmentMatch.ANY,
                                List.of(
                                        new StageCondition(List.of("lead", "customer", "lead")),
                                        new TagsCondition(TagMatch.NONE, List.of(" VIP ", "vip")),
                                        new FieldEqualsCondition("budget", "100.00"),
                                        new FieldEqualsCondition("interests", "hats"),
                                        new FieldContainsCondition("vat_id", " ES "),
                                        new FieldRangeCondition("renewal", "2026-01-01", "2026-12-31"),
                                        new ConsentCondition(ConsentPurpose.EMAIL_MARKETING),
                                        new LastActivityCondition(JAN, null),
                                        new HasOrderedCondition(false),
                                        new TotalSpentCondition("eur", 1000L, null),
                                        new OwnerCondition(owner),
                                        new CreatedCondition(null, JUN)))),
                        from(ACME))
                .expectEvents(new SegmentCreatedEvent(
                        BUYERS,
                        ACME,
                        "Buyers",
                        new SegmentFilter(
                                SegmentMatch.ANY,
                                List.of(
                                        new StageCondition(List.of("lead", "customer")),
                                        new TagsCondition(TagMatch.NONE, List.of("vip")),
                                        new FieldEqualsCondition("budget", "100"),
                                        new FieldEqualsCondition("interests", "hats"),
                                        new FieldContainsCondition("vat_id", "ES"),
                                        new FieldRangeCondition("renewal", "2026-01-01", "2026-12-31"),
                                        new ConsentCondition(ConsentPurpose.EMAIL_MARKETING),
                                        new LastActivityCondition(JAN, null),
                                        new HasOrderedCondition(false),
                                        new TotalSpentCondition("EUR", 1000L, null),
                                        new OwnerCondition(owner),
                                        new CreatedCondition(null, JUN)))));
    }

    @Test
    @DisplayName("a number range is recorded without trailing zeros")
    void numberRange() {
        fixture.givenNoPriorActivity()
                .when(create(all(new FieldRangeCondition("budget", "10", "20.50"))), from(ACME))
                .expectEvents(new SegmentCreatedEvent(
                        BUYERS, ACME, "Buyers", all(new FieldRangeCondition("budget", "10", "20.5"))));
    }

    @Test
    @DisplayName("a deleted segment is gone for later commands")
    void delete() {
        fixture.given(created())
                .when(new DeleteSegmentCommand(BUYERS, null), from(ACME))
                .expectEvents(new SegmentDeletedEvent(BUYERS))
                .expectMarkedDeleted();
    }

    @Test
    @DisplayName("a stale If-Match is refused before anything is recorded")
    void staleVersion() {
        assertRefused(
                fixture.given(created()),
                new UpdateSegmentCommand(BUYERS, 3L, "Customers", null),
                ACME,
                ConflictingAggregateVersionException.class);
    }
}
