package dev.tenantcore.command.catalog;

import static dev.tenantcore.command.common.CommandFixtures.ACME;
import static dev.tenantcore.command.common.CommandFixtures.GLOBEX;
import static dev.tenantcore.command.common.CommandFixtures.assertAccepted;
import static dev.tenantcore.command.common.CommandFixtures.assertRefused;
import static dev.tenantcore.command.common.CommandFixtures.assertUnchanged;
import static dev.tenantcore.command.common.CommandFixtures.fixtureFor;
import static dev.tenantcore.command.common.CommandFixtures.from;
import static dev.tenantcore.command.common.CommandFixtures.invalid;
import static dev.tenantcore.command.common.Refusals.refusedAsInvalid;
import static dev.tenantcore.command.common.Transitions.transition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.catalog.CategoryId;
import dev.tenantcore.api.catalog.CreateProductCommand;
import dev.tenantcore.api.catalog.DeactivateProductCommand;
import dev.tenantcore.api.catalog.DeleteProductCommand;
import dev.tenantcore.api.catalog.ProductCreatedEvent;
import dev.tenantcore.api.catalog.ProductDeactivatedEvent;
import dev.tenantcore.api.catalog.ProductDeletedEvent;
import dev.tenantcore.api.catalog.ProductId;
import dev.tenantcore.api.catalog.ProductKind;
import dev.tenantcore.api.catalog.ProductReactivatedEvent;
import dev.tenantcore.api.catalog.ProductUpdatedEvent;
import dev.tenantcore.api.catalog.ReactivateProductCommand;
import dev.tenantcore.api.catalog.UpdateProductCommand;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.command.common.InMemoryInventory;
import dev.tenantcore.command.common.InMemoryUniqueKeys;
import dev.tenantcore.command.common.Refusals;
import dev.tenantcore.command.common.Transitions;
import dev.tenantcore.command.common.UniqueKeys.Scope;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

@DisplayName("Product")
class ProductTest implements Transitions, Refusals {

    private static final ProductId MUG = ProductId.random();
    private static final CategoryId KITCHEN = CategoryId.random();
    private static final CategoryId GARDEN = CategoryId.random();
    private static final Money PRICE = Money.of(1299, "EUR");
    private static final Map<String, String> METADATA = Map.of("colour", "blue");
    private static final Map<String, String> TOO_MANY_ENTRIES =
            IntStream.rangeClosed(1, 51).boxed().collect(Collectors.toMap(i -> "key" + i, i -> "value"));

    private final InMemoryUniqueKeys keys = new InMemoryUniqueKeys();
    private final InMemoryCategoryTree tree = new InMemoryCategoryTree();
    private final InMemoryInventory inventory = new InMemoryInventory();
    /** Built anew for every test, as JUnit makes a new instance of the test class for each. */
    private final FixtureConfiguration<Product> fixture = fixtureFor(Product.class, keys, tree, inventory);

    @BeforeEach
    void setUp() {
        tree.existing(ACME, KITCHEN, null);
        tree.existing(ACME, GARDEN, null);
    }

    @Override
    public FixtureConfiguration<Product> fixture() {
        return fixture;
    }

    /** What creating and updating the mug refuse as invalid. */
    static Stream<Arguments> refusals() {
        return Stream.of(
                        refusedAsInvalid("creating", List.of(), invalidProducts()),
                        refusedAsInvalid("updating", List.of(mug()), invalidUpdates()))
                .flatMap(rows -> rows);
    }

    static Stream<Arguments> invalidProducts() {
        return Stream.of(
                invalid("a product without a kind", draft(d -> d.kind = null)),
                invalid("a product without a price", draft(d -> d.price = null)),
                invalid("a blank name", draft(d -> d.name = " ")),
                invalid("a name of 201 characters", draft(d -> d.name = "m".repeat(201))),
                invalid("a slug with capitals", draft(d -> d.slug = "Mug")),
                invalid("a missing slug", draft(d -> d.slug = null)),
                invalid("a description of 5001 characters", draft(d -> d.description = "d".repeat(5001))),
                invalid("negative stock", draft(d -> d.stock = -1)),
                invalid("a category that does not exist", draft(d -> d.categoryId = CategoryId.random())),
                invalid("metadata with 51 entries", draft(d -> d.metadata = TOO_MANY_ENTRIES)),
                invalid("metadata with a blank key", draft(d -> d.metadata = Map.of(" ", "x"))),
                invalid("a metadata value of 501 characters", draft(d -> d.metadata = Map.of("k", "v".repeat(501)))));
    }

    static Stream<Arguments> invalidUpdates() {
        return Stream.of(
                invalid("an empty name", change(c -> c.name = "")),
                invalid("a slug with an underscore", change(c -> c.slug = "big_mug")),
                invalid("a description of 5001 characters", change(c -> c.description = "d".repeat(5001))),
                invalid("negative stock", change(c -> c.stock = -1)),
                invalid("a category that does not exist", change(c -> c.categoryId = CategoryId.random())),
                invalid("metadata with 51 entries", change(c -> c.metadata = TOO_MANY_ENTRIES)));
    }

    static Stream<Arguments> transitions() {
        List<Object> active = List.of(mug());
        List<Object> inactive = List.of(mug(), new ProductDeactivatedEvent(MUG));
        List<Object> createdInactive = List.of(new ProductCreatedEvent(
                MUG, ACME, "Mug", "mug", null, ProductKind.PHYSICAL, PRICE, 0, null, false, Map.of()));
        DeactivateProductCommand deactivate = new DeactivateProductCommand(MUG, null);
        ReactivateProductCommand reactivate = new ReactivateProductCommand(MUG, null);
        ProductDeactivatedEvent deactivated = new ProductDeactivatedEvent(MUG);
        ProductReactivatedEvent reactivated = new ProductReactivatedEvent(MUG);
        Consumer<Details> cheaper = d -> d.price = Money.of(999, "EUR");
        List<Object> restocked = List.of(mug(), mugUpdated(d -> d.stock = 9));
        return Stream.of(
                transition(
                        "a new price is recorded together with every unchanged detail",
                        active,
                        change(cheaper),
                        1L,
                        mugUpdated(cheaper)),
                transition(
                        "a product is taken out of its category",
                        active,
                        change(c -> c.clearCategory = true),
                        1L,
                        mugUpdated(d -> d.categoryId = null)),
                transition("an update without changes records nothing", active, new Change().command(), 0L),
                transition(
                        "an update based on the current version is accepted",
                        restocked,
                        change(c -> {
                            c.stock = 8;
                            c.expectedVersion = 1L;
                        }),
                        2L,
                        mugUpdated(d -> d.stock = 8)),
                transition("an active product is deactivated", active, deactivate, 1L, deactivated),
                transition("deactivating an inactive product changes nothing", inactive, deactivate, 1L),
                transition("an inactive product is reactivated", inactive, reactivate, 2L, reactivated),
                transition("a product created inactive is reactivated", createdInactive, reactivate, 1L, reactivated),
                transition("reactivating an active product changes nothing", active, reactivate, 0L));
    }

    /** Acme's active mug in the kitchen category, as creating it from a {@link Draft} records it. */
    private static ProductCreatedEvent mug() {
        return new ProductCreatedEvent(
                MUG, ACME, "Mug", "mug", "A mug.", ProductKind.PHYSICAL, PRICE, 10, KITCHEN, true, METADATA);
    }

    /** The mug as history, its slug claimed as creating it would have: version 0. */
    private ProductCreatedEvent mugCreated() {
        keys.claimed(ACME, Scope.PRODUCT_SLUG, "mug", MUG.value());
        return mug();
    }

    /** The mug as {@link #mugCreated()} describes it, with {@code change} applied. */
    private static ProductUpdatedEvent mugUpdated(Consumer<? super Draft> change) {
        Draft d = stated(new Draft(), change);
        return new ProductUpdatedEvent(
                MUG, d.name, d.slug, d.description, d.kind, d.price, d.stock, d.categoryId, d.metadata);
    }

    /**
     * The details that creating and updating a product both state, so that one change can be
     * applied to an update command and to the event it should record. A test states only what it
     * changes, as plain assignments.
     */
    private static class Details {
        String name;
        String slug;
        String description;
        ProductKind kind;
        Money price;
        Integer stock;
        CategoryId categoryId;
        Map<String, String> metadata;
    }

    /** The details of a product to create; the defaults describe the mug. */
    private static final class Draft extends Details {
        boolean active = true;

        Draft() {
            name = "Mug";
            slug = "mug";
            description = "A mug.";
            kind = ProductKind.PHYSICAL;
            price = PRICE;
            stock = 10;
            categoryId = KITCHEN;
            metadata = METADATA;
        }

        CreateProductCommand command() {
            return new CreateProductCommand(
                    MUG, name, slug, description, kind, price, stock, categoryId, active, metadata);
        }
    }

    /** An update of the mug that changes nothing until told what. */
    private static final class Change extends Details {
        Long expectedVersion;
        boolean clearCategory;

        UpdateProductCommand command() {
            return new UpdateProductCommand(
                    MUG,
                    expectedVersion,
                    name,
                    slug,
                    description,
                    kind,
                    price,
                    stock,
                    categoryId,
                    clearCategory,
                    metadata);
        }
    }

    private static CreateProductCommand draft(Consumer<? super Draft> details) {
        return stated(new Draft(), details).command();
    }

    private static UpdateProductCommand change(Consumer<? super Change> details) {
        return stated(new Change(), details).command();
    }

    /** {@code details} with {@code change} applied. */
    private static <D extends Details> D stated(D details, Consumer<? super D> change) {
        change.accept(details);
        return details;
    }

    @Nested
    @DisplayName("creating")
    class Creating {

        @Test
        @DisplayName("a product is created for the caller's tenant with its details, and its slug is claimed")
        void creates() {
            fixture.givenNoPriorActivity()
                    .when(draft(d -> d.name = "  Mug "), from(ACME))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(MUG)
                    .expectEvents(mug());

            assertThat(keys.ownerOf(ACME, Scope.PRODUCT_SLUG, "mug")).contains(MUG.value());
        }

        @Test
        @DisplayName("a product may be created inactive, outside any category, without description or metadata")
        void createsMinimalInactive() {
            fixture.givenNoPriorActivity()
                    .when(
                            draft(d -> {
                                d.description = null;
                                d.categoryId = null;
                                d.metadata = null;
                                d.active = false;
                                d.kind = ProductKind.DIGITAL;
                                d.stock = 0;
                            }),
                            from(ACME))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ProductCreatedEvent(
                            MUG, ACME, "Mug", "mug", null, ProductKind.DIGITAL, PRICE, 0, null, false, Map.of()));
        }

        @Test
        @DisplayName("a category of another tenant cannot hold the product")
        void categoryOfAnotherTenant() {
            CategoryId globexCategory = CategoryId.random();
            tree.existing(GLOBEX, globexCategory, null);

            assertRefused(
                    fixture.givenNoPriorActivity(),
                    draft(d -> d.categoryId = globexCategory),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("a slug that another product of the tenant has is refused as taken")
        void slugTaken() {
            keys.claimed(ACME, Scope.PRODUCT_SLUG, "mug", UUID.randomUUID());

            assertRefused(fixture.givenNoPriorActivity(), new Draft().command(), ACME, ErrorCode.SLUG_TAKEN);
        }

        @Test
        @DisplayName("a slug that another tenant's product has is free in this tenant")
        void slugOfAnotherTenant() {
            keys.claimed(GLOBEX, Scope.PRODUCT_SLUG, "mug", UUID.randomUUID());

            fixture.givenNoPriorActivity()
                    .when(new Draft().command(), from(ACME))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(mug());
        }
    }

    @Nested
    @DisplayName("updating")
    class Updating {

        @Test
        @DisplayName("every detail can change at once")
        void changesEverything() {
            // One change, stated once, for the command and for the event it must record.
            Consumer<Details> everything = d -> {
                d.name = "Big mug";
                d.description = "A big mug.";
                d.kind = ProductKind.DIGITAL;
                d.price = Money.of(1, "USD");
                d.stock = 0;
                d.categoryId = GARDEN;
                d.metadata = Map.of("material", "stoneware");
            };

            assertAccepted(fixture.given(mugCreated()), change(everything), ACME, 1L, mugUpdated(everything));
        }

        @Test
        @DisplayName("a new slug is claimed and the old one released")
        void changesSlug() {
            assertAccepted(
                    fixture.given(mugCreated()),
                    change(c -> c.slug = "cup"),
                    ACME,
                    1L,
                    mugUpdated(d -> d.slug = "cup"));

            assertThat(keys.ownerOf(ACME, Scope.PRODUCT_SLUG, "cup")).contains(MUG.value());
            assertThat(keys.ownerOf(ACME, Scope.PRODUCT_SLUG, "mug")).isEmpty();
        }

        @Test
        @DisplayName("an update that repeats the current details records nothing")
        void sameDetailsAreNoOp() {
            assertUnchanged(
                    fixture.given(mugCreated()),
                    change(c -> {
                        c.name = " Mug ";
                        c.slug = "mug";
                        c.description = "A mug.";
                        c.kind = ProductKind.PHYSICAL;
                        c.price = Money.of(1299, "EUR");
                        c.stock = 10;
                        c.categoryId = KITCHEN;
                        c.metadata = Map.of("colour", "blue");
                    }),
                    ACME,
                    0L);

            assertThat(keys.ownerOf(ACME, Scope.PRODUCT_SLUG, "mug")).contains(MUG.value());
        }

        @Test
        @DisplayName("a slug that another product of the tenant has is refused as taken")
        void slugTaken() {
            keys.claimed(ACME, Scope.PRODUCT_SLUG, "cup", UUID.randomUUID());

            assertRefused(fixture.given(mugCreated()), change(c -> c.slug = "cup"), ACME, ErrorCode.SLUG_TAKEN);
        }

        @Test
        @DisplayName("an update based on an outdated version is refused")
        void outdatedVersion() {
            assertRefused(
                    fixture.given(mugCreated(), mugUpdated(d -> d.stock = 9)),
                    change(c -> {
                        c.stock = 8;
                        c.expectedVersion = 0L;
                    }),
                    ACME,
                    ConflictingAggregateVersionException.class);
        }
    }

    @Nested
    @DisplayName("deleting")
    class Deleting {

        @Test
        @DisplayName("a product is deleted and its slug released")
        void deletes() {
            fixture.given(mugCreated())
                    .when(new DeleteProductCommand(MUG, null), from(ACME))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ProductDeletedEvent(MUG))
                    .expectMarkedDeleted();

            assertThat(keys.ownerOf(ACME, Scope.PRODUCT_SLUG, "mug")).isEmpty();
        }

        @Test
        @DisplayName("a deleted product can no longer be changed")
        void deletedProduct() {
            assertRefused(
                    fixture.given(mugCreated(), new ProductDeletedEvent(MUG)),
                    new ReactivateProductCommand(MUG, null),
                    ACME,
                    AggregateDeletedException.class);
        }
    }

    @Nested
    @DisplayName("keeping what orders may reserve")
    class KeepingTheInventory {

        @Test
        @DisplayName("a created product is listed with its name, price and stock on hand, nothing reserved")
        void creationLists() {
            fixture.givenNoPriorActivity()
                    .when(
                            new CreateProductCommand(
                                    MUG, "Mug", "mug", null, ProductKind.PHYSICAL, PRICE, 7, null, true, null),
                            from(ACME))
                    .expectSuccessfulHandlerExecution();
            assertThat(inventory.levelOf(ACME, MUG)).contains(new InMemoryInventory.Level("Mug", PRICE, true, 7, 0));
        }

        @Test
        @DisplayName("a stock edit is a recount of what is on hand and leaves reservations alone")
        void stockEditRecounts() {
            inventory.stocked(ACME, MUG, "Mug", PRICE, 10);
            fixture.given(mugCreated())
                    .when(
                            new UpdateProductCommand(
                                    MUG, null, null, null, null, null, Money.of(999, "EUR"), 3, null, false, null),
                            from(ACME))
                    .expectSuccessfulHandlerExecution();
            assertThat(inventory.levelOf(ACME, MUG))
                    .contains(new InMemoryInventory.Level("Mug", Money.of(999, "EUR"), true, 3, 0));
        }

        @Test
        @DisplayName("a deactivated product is no longer for sale, and a deleted one is delisted")
        void deactivationAndDeletion() {
            inventory.stocked(ACME, MUG, "Mug", PRICE, 10);
            fixture.given(mugCreated())
                    .when(new DeactivateProductCommand(MUG, null), from(ACME))
                    .expectSuccessfulHandlerExecution();
            assertThat(inventory.levelOf(ACME, MUG).orElseThrow().active()).isFalse();
            fixture.given(mugCreated())
                    .when(new DeleteProductCommand(MUG, null), from(ACME))
                    .expectSuccessfulHandlerExecution();
            assertThat(inventory.levelOf(ACME, MUG)).isEmpty();
        }
    }
}
