package dev.tenantcore.command.catalog;

import static dev.tenantcore.command.common.CommandFixtures.ACME;
import static dev.tenantcore.command.common.CommandFixtures.GLOBEX;
import static dev.tenantcore.command.common.CommandFixtures.assertAccepted;
import static dev.tenantcore.command.common.CommandFixtures.assertRefused;
import static dev.tenantcore.command.common.CommandFixtures.assertUnchanged;
import static dev.tenantcore.command.common.CommandFixtures.fixtureFor;
import static dev.tenantcore.command.common.CommandFixtures.from;
import static dev.tenantcore.command.common.CommandFixtures.invalid;
import static dev.tenantcore.command.common.Refusals.refusal;
import static dev.tenantcore.command.common.Refusals.refusedAsInvalid;
import static dev.tenantcore.command.common.Transitions.transition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.catalog.CategoryCreatedEvent;
import dev.tenantcore.api.catalog.CategoryDeactivatedEvent;
import dev.tenantcore.api.catalog.CategoryDeletedEvent;
import dev.tenantcore.api.catalog.CategoryId;
import dev.tenantcore.api.catalog.CategoryMovedEvent;
import dev.tenantcore.api.catalog.CategoryReactivatedEvent;
import dev.tenantcore.api.catalog.CategoryUpdatedEvent;
import dev.tenantcore.api.catalog.CreateCategoryCommand;
import dev.tenantcore.api.catalog.DeactivateCategoryCommand;
import dev.tenantcore.api.catalog.DeleteCategoryCommand;
import dev.tenantcore.api.catalog.MoveCategoryCommand;
import dev.tenantcore.api.catalog.ReactivateCategoryCommand;
import dev.tenantcore.api.catalog.UpdateCategoryCommand;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.command.common.InMemoryUniqueKeys;
import dev.tenantcore.command.common.Refusals;
import dev.tenantcore.command.common.Transitions;
import dev.tenantcore.command.common.UniqueKeys.Scope;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Category")
class CategoryTest implements Transitions, Refusals {

    private static final CategoryId HOME = CategoryId.random();
    private static final CategoryId KITCHEN = CategoryId.random();
    private static final CategoryId CUPS = CategoryId.random();
    private static final CategoryId MUGS = CategoryId.random();

    private final InMemoryUniqueKeys keys = new InMemoryUniqueKeys();
    private final InMemoryCategoryTree tree = new InMemoryCategoryTree();
    /** Built anew for every test, as JUnit makes a new instance of the test class for each. */
    private final FixtureConfiguration<Category> fixture = fixtureFor(Category.class, keys, tree);

    @Override
    public FixtureConfiguration<Category> fixture() {
        return fixture;
    }

    /** What creating, updating and moving refuse before the tree or the slugs are asked. */
    static Stream<Arguments> refusals() {
        List<Object> none = List.of();
        List<Object> kitchen = List.of(new CategoryCreatedEvent(KITCHEN, ACME, "Kitchen", "kitchen", null, 0));
        return Stream.of(
                        refusedAsInvalid("creating", none, invalidCategories()),
                        refusedAsInvalid("updating", kitchen, invalidUpdates()),
                        Stream.of(
                                refusal(
                                        "creating: a parent that does not exist is refused as invalid",
                                        none,
                                        createKitchen("Kitchen", "kitchen", CategoryId.random(), 0),
                                        ErrorCode.VALIDATION_FAILED),
                                refusal(
                                        "moving: a parent that does not exist is refused as invalid",
                                        kitchen,
                                        moveKitchen(CategoryId.random(), null),
                                        ErrorCode.VALIDATION_FAILED),
                                refusal(
                                        "moving: a negative position is refused as invalid",
                                        kitchen,
                                        moveKitchen(null, -1),
                                        ErrorCode.VALIDATION_FAILED)))
                .flatMap(rows -> rows);
    }

    static Stream<Arguments> invalidCategories() {
        return Stream.of(
                invalid("a blank name", createKitchen(" ", "kitchen", null, 0)),
                invalid("a missing name", createKitchen(null, "kitchen", null, 0)),
                invalid("a name of 201 characters", createKitchen("k".repeat(201), "kitchen", null, 0)),
                invalid("a slug with capitals", createKitchen("Kitchen", "Kitchen", null, 0)),
                invalid("a slug with a space", createKitchen("Kitchen", "my kitchen", null, 0)),
                invalid("a missing slug", createKitchen("Kitchen", null, null, 0)),
                invalid("a negative position", createKitchen("Kitchen", "kitchen", null, -1)));
    }

    static Stream<Arguments> invalidUpdates() {
        return Stream.of(
                invalid("an empty name", updateKitchen("", null, null)),
                invalid("a name of 201 characters", updateKitchen("k".repeat(201), null, null)),
                invalid("a slug that ends with a dash", updateKitchen(null, "kitchen-", null)),
                invalid("a negative position", updateKitchen(null, null, -1)));
    }

    /** What updating, deactivating and reactivating Acme's top-level Kitchen records. */
    static Stream<Arguments> transitions() {
        List<Object> active = List.of(new CategoryCreatedEvent(KITCHEN, ACME, "Kitchen", "kitchen", null, 0));
        List<Object> inactive = List.of(active.get(0), new CategoryDeactivatedEvent(KITCHEN));
        DeactivateCategoryCommand deactivate = new DeactivateCategoryCommand(KITCHEN, null);
        ReactivateCategoryCommand reactivate = new ReactivateCategoryCommand(KITCHEN, null);
        return Stream.of(
                transition(
                        "a new name is recorded with the unchanged slug and position",
                        active,
                        updateKitchen("Kitchenware", null, null),
                        1L,
                        new CategoryUpdatedEvent(KITCHEN, "Kitchenware", "kitchen", 0)),
                transition(
                        "a new position is recorded",
                        active,
                        updateKitchen(null, null, 4),
                        1L,
                        new CategoryUpdatedEvent(KITCHEN, "Kitchen", "kitchen", 4)),
                transition("an update without changes records nothing", active, updateKitchen(null, null, null), 0L),
                transition(
                        "an active category is deactivated",
                        active,
                        deactivate,
                        1L,
                        new CategoryDeactivatedEvent(KITCHEN)),
                transition("deactivating an inactive category changes nothing", inactive, deactivate, 1L),
                transition(
                        "an inactive category is reactivated",
                        inactive,
                        reactivate,
                        2L,
                        new CategoryReactivatedEvent(KITCHEN)),
                transition("reactivating an active category changes nothing", active, reactivate, 0L));
    }

    /** Acme's top-level category Home, another aggregate that already exists. */
    private void homeExists() {
        tree.existing(ACME, HOME, null);
        keys.claimed(ACME, Scope.CATEGORY_SLUG, "home", HOME.value());
    }

    /** Acme's category Kitchen at position 0 under {@code parent}: version 0. */
    private CategoryCreatedEvent kitchenCreated(CategoryId parent) {
        tree.existing(ACME, KITCHEN, parent);
        keys.claimed(ACME, Scope.CATEGORY_SLUG, "kitchen", KITCHEN.value());
        return new CategoryCreatedEvent(KITCHEN, ACME, "Kitchen", "kitchen", parent, 0);
    }

    private static CreateCategoryCommand createKitchen(String name, String slug, CategoryId parent, int position) {
        return new CreateCategoryCommand(KITCHEN, name, slug, parent, position);
    }

    private static UpdateCategoryCommand updateKitchen(String name, String slug, Integer position) {
        return new UpdateCategoryCommand(KITCHEN, null, name, slug, position);
    }

    private static MoveCategoryCommand moveKitchen(CategoryId parent, Integer position) {
        return new MoveCategoryCommand(KITCHEN, null, parent, position);
    }

    @Nested
    @DisplayName("creating")
    class Creating {

        @Test
        @DisplayName(
                "a top-level category is created for the caller's tenant, with its slug claimed and its node added")
        void createsTopLevel() {
            fixture.givenNoPriorActivity()
                    .when(createKitchen(" Kitchen ", "kitchen", null, 0), from(ACME))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(KITCHEN)
                    .expectEvents(new CategoryCreatedEvent(KITCHEN, ACME, "Kitchen", "kitchen", null, 0));

            assertThat(keys.ownerOf(ACME, Scope.CATEGORY_SLUG, "kitchen")).contains(KITCHEN.value());
            assertThat(tree.contains(ACME, KITCHEN)).isTrue();
            assertThat(tree.parentOf(ACME, KITCHEN)).isEmpty();
        }

        @Test
        @DisplayName("a subcategory is created below an existing category of the tenant")
        void createsSubcategory() {
            homeExists();

            fixture.givenNoPriorActivity()
                    .when(createKitchen("Kitchen", "kitchen", HOME, 2), from(ACME))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new CategoryCreatedEvent(KITCHEN, ACME, "Kitchen", "kitchen", HOME, 2));

            assertThat(tree.parentOf(ACME, KITCHEN)).contains(HOME);
        }

        @Test
        @DisplayName("a category of another tenant cannot be the parent")
        void parentOfAnotherTenant() {
            tree.existing(GLOBEX, HOME, null);

            assertRefused(
                    fixture.givenNoPriorActivity(),
                    createKitchen("Kitchen", "kitchen", HOME, 0),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("a slug that another category of the tenant has is refused as taken")
        void slugTaken() {
            keys.claimed(ACME, Scope.CATEGORY_SLUG, "kitchen", UUID.randomUUID());

            assertRefused(
                    fixture.givenNoPriorActivity(),
                    createKitchen("Kitchen", "kitchen", null, 0),
                    ACME,
                    ErrorCode.SLUG_TAKEN);
        }

        @Test
        @DisplayName("a slug that another tenant's category or this tenant's product has is free for a category")
        void slugFreeElsewhere() {
            keys.claimed(GLOBEX, Scope.CATEGORY_SLUG, "kitchen", UUID.randomUUID());
            keys.claimed(ACME, Scope.PRODUCT_SLUG, "kitchen", UUID.randomUUID());

            fixture.givenNoPriorActivity()
                    .when(createKitchen("Kitchen", "kitchen", null, 0), from(ACME))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new CategoryCreatedEvent(KITCHEN, ACME, "Kitchen", "kitchen", null, 0));
        }
    }

    @Nested
    @DisplayName("updating")
    class Updating {

        @Test
        @DisplayName("a new slug is claimed and the old one released")
        void changesSlug() {
            assertAccepted(
                    fixture.given(kitchenCreated(null)),
                    updateKitchen(null, "cookware", null),
                    ACME,
                    1L,
                    new CategoryUpdatedEvent(KITCHEN, "Kitchen", "cookware", 0));

            assertThat(keys.ownerOf(ACME, Scope.CATEGORY_SLUG, "cookware")).contains(KITCHEN.value());
            assertThat(keys.ownerOf(ACME, Scope.CATEGORY_SLUG, "kitchen")).isEmpty();
        }

        @Test
        @DisplayName("an update that repeats the current values records nothing")
        void sameValuesAreNoOp() {
            assertUnchanged(fixture.given(kitchenCreated(null)), updateKitchen(" Kitchen ", "kitchen", 0), ACME, 0L);

            assertThat(keys.ownerOf(ACME, Scope.CATEGORY_SLUG, "kitchen")).contains(KITCHEN.value());
        }

        @Test
        @DisplayName("a slug that another category of the tenant has is refused as taken")
        void slugTaken() {
            homeExists();

            assertRefused(
                    fixture.given(kitchenCreated(null)), updateKitchen(null, "home", null), ACME, ErrorCode.SLUG_TAKEN);
        }
    }

    @Nested
    @DisplayName("moving")
    class Moving {

        static Stream<Arguments> moves() {
            return Stream.of(
                    move("a top-level category moves below another category", null, HOME, null, 0),
                    move("a subcategory moves to the top level at a new position", HOME, null, 3, 3),
                    move("a category changes its position below the same parent", HOME, HOME, 2, 2));
        }

        /** Kitchen, first below {@code from}, is moved to {@code parent} at {@code position}, and ends at {@code at}. */
        private static Arguments move(
                String description, CategoryId from, CategoryId parent, Integer position, int at) {
            return Arguments.of(
                    Named.of(description, from), parent, position, new CategoryMovedEvent(KITCHEN, parent, at));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("moves")
        @DisplayName("a move records the category's new place, and the tree follows it")
        void moves(CategoryId from, CategoryId parent, Integer position, CategoryMovedEvent moved) {
            homeExists();

            assertAccepted(fixture.given(kitchenCreated(from)), moveKitchen(parent, position), ACME, 1L, moved);

            assertThat(tree.parentOf(ACME, KITCHEN)).isEqualTo(Optional.ofNullable(parent));
        }

        @Test
        @DisplayName("moving a category to where it is records nothing")
        void samePlaceIsNoOp() {
            homeExists();

            assertUnchanged(fixture.given(kitchenCreated(HOME)), moveKitchen(HOME, 0), ACME, 0L);
        }

        @Test
        @DisplayName("a category cannot move below one of its own descendants")
        void belowDescendant() {
            tree.existing(ACME, CUPS, KITCHEN);
            tree.existing(ACME, MUGS, CUPS);

            assertRefused(fixture.given(kitchenCreated(null)), moveKitchen(MUGS, null), ACME, ErrorCode.CATEGORY_CYCLE);
        }

        @Test
        @DisplayName("a category cannot move below itself")
        void belowItself() {
            assertRefused(
                    fixture.given(kitchenCreated(null)), moveKitchen(KITCHEN, null), ACME, ErrorCode.CATEGORY_CYCLE);
        }

        @Test
        @DisplayName("a category of another tenant cannot be the parent")
        void parentOfAnotherTenant() {
            tree.existing(GLOBEX, HOME, null);

            assertRefused(
                    fixture.given(kitchenCreated(null)), moveKitchen(HOME, null), ACME, ErrorCode.VALIDATION_FAILED);
        }
    }

    @Nested
    @DisplayName("deleting")
    class Deleting {

        @Test
        @DisplayName("a category without subcategories is deleted, its slug released and its node removed")
        void deletesLeaf() {
            homeExists();

            fixture.given(kitchenCreated(HOME))
                    .when(new DeleteCategoryCommand(KITCHEN, null), from(ACME))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new CategoryDeletedEvent(KITCHEN))
                    .expectMarkedDeleted();

            assertThat(keys.ownerOf(ACME, Scope.CATEGORY_SLUG, "kitchen")).isEmpty();
            assertThat(tree.contains(ACME, KITCHEN)).isFalse();
            assertThat(tree.contains(ACME, HOME)).isTrue();
        }

        @Test
        @DisplayName("a category with subcategories cannot be deleted")
        void withChildren() {
            tree.existing(ACME, CUPS, KITCHEN);

            assertRefused(
                    fixture.given(kitchenCreated(null)),
                    new DeleteCategoryCommand(KITCHEN, null),
                    ACME,
                    ErrorCode.CATEGORY_NOT_EMPTY);
        }

        @Test
        @DisplayName("a deleted category can no longer be changed")
        void deletedCategory() {
            assertRefused(
                    fixture.given(kitchenCreated(null), new CategoryDeletedEvent(KITCHEN)),
                    updateKitchen("Kitchenware", null, null),
                    ACME,
                    AggregateDeletedException.class);
        }
    }
}
