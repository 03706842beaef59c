package dev.tenantcore.command.catalog;

import static dev.tenantcore.command.common.CommandFixtures.ACME;
import static dev.tenantcore.command.common.CommandFixtures.GLOBEX;
import static dev.tenantcore.command.common.CommandFixtures.assertAccepted;
import static dev.tenantcore.command.common.CommandFixtures.assertRefused;
import static dev.tenantcore.command.common.CommandFixtures.assertUnchanged;
import static dev.tenantcore.command.common.CommandFixtures.fixtureFor;
import static dev.tenantcore.command.common.CommandFixtures.from;
import static dev.tenantcore.command.common.CommandFixtures.invalid;
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
import dev.tenantcore.command.common.UniqueKeys.Scope;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Product")
class ProductTest {

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
    private FixtureConfiguration<Product> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixtureFor(Product.class, keys, tree, inventory);
        tree.existing(ACME, KITCHEN, null);
        tree.existing(ACME, GARDEN, null);
    }

    /** Acme's active mug in the kitchen category: version 0. */
    private ProductCreatedEvent mugCreated() {
        keys.claimed(ACME, Scope.PRODUCT_SLUG, "mug", MUG.value());
        return new ProductCreatedEvent(
                MUG, ACME, "Mug", "mug", "A mug.", ProductKind.PHYSICAL, PRICE, 10, KITCHEN, true, METADATA);
    }

    /** The mug as {@link #mugCreated()} describes it, with {@code change} applied. */
    private static ProductUpdatedEvent mugUpdated(Function<Draft, Draft> change) {
        Draft d = change.apply(new Draft());
        return new ProductUpdatedEvent(
                MUG, d.name, d.slug, d.description, d.kind, d.price, d.stock, d.categoryId, d.metadata);
    }

    /** The details of a product to create; the defaults describe the mug. */
    private static final class Draft {
        String name = "Mug";
        String slug = "mug";
        String description = "A mug.";
        ProductKind kind = ProductKind.PHYSICAL;
        Money price = PRICE;
        int stock = 10;
        CategoryId categoryId = KITCHEN;
        boolean active = true;
        Map<String, String> metadata = METADATA;

        Draft name(String value) {
            name = value;
            return this;
        }

        Draft slug(String value) {
            slug = value;
            return this;
        }

        Draft description(String value) {
            description = value;
            return this;
        }

        Draft kind(ProductKind value) {
            kind = value;
            return this;
        }

        Draft price(Money value) {
            price = value;
            return this;
        }

        Draft stock(int value) {
            stock = value;
            return this;
        }

        Draft categoryId(CategoryId value) {
            categoryId = value;
            return this;
        }

        Draft active(boolean value) {
            active = value;
            return this;
        }

        Draft metadata(Map<String, String> value) {
            metadata = value;
            return this;
        }

        CreateProductCommand command() {
            return new CreateProductCommand(
                    MUG, name, slug, description, kind, price, stock, categoryId, active, metadata);
        }
    }

    /** An update of the mug that changes nothing until told what. */
    private static final class Change {
        Long expectedVersion;
        String name;
        String slug;
        String description;
        ProductKind kind;
        Money price;
        Integer stock;
        CategoryId categoryId;
        boolean clearCategory;
        Map<String, String> metadata;

        Change name(String value) {
            name = value;
            return this;
        }

        Change slug(String value) {
            slug = value;
            return this;
        }

        Change description(String value) {
            description = value;
            return this;
        }

        Change kind(ProductKind value) {
            kind = value;
            return this;
        }

        Change price(Money value) {
            price = value;
            return this;
        }

        Change stock(int value) {
            stock = value;
            return this;
        }

        Change categoryId(CategoryId value) {
            categoryId = value;
            return this;
        }

        Change clearCategory() {
            clearCategory = true;
            return this;
        }

        Change metadata(Map<String, String> value) {
            metadata = value;
            return this;
        }

        Change expectedVersion(long value) {
            expectedVersion = value;
            return this;
        }

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

    private static Draft draft() {
        return new Draft();
    }

    private static Change change() {
        return new Change();
    }

    @Nested
    @DisplayName("creating")
    class Creating {

        @Test
        @DisplayName("a product is created for the caller's tenant with its details, and its slug is claimed")
        void creates() {
            fixture.givenNoPriorActivity()
                    .when(draft().name("  Mug ").command(), from(ACME))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(MUG)
                    .expectEvents(new ProductCreatedEvent(
                            MUG,
                            ACME,
                            "Mug",
                            "mug",
                            "A mug.",
                            ProductKind.PHYSICAL,
                            PRICE,
                            10,
                            KITCHEN,
                            true,
                            METADATA));

            assertThat(keys.ownerOf(ACME, Scope.PRODUCT_SLUG, "mug")).contains(MUG.value());
        }

        @Test
        @DisplayName("a product may be created inactive, outside any category, without description or metadata")
        void createsMinimalInactive() {
            fixture.givenNoPriorActivity()
                    .when(
                            draft().description(null)
                                    .categoryId(null)
                                    .metadata(null)
                                    .active(false)
                                    .kind(ProductKind.DIGITAL)
                                    .stock(0)
                                    .command(),
                            from(ACME))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ProductCreatedEvent(
                            MUG, ACME, "Mug", "mug", null, ProductKind.DIGITAL, PRICE, 0, null, false, Map.of()));
        }

        static Stream<Arguments> invalidProducts() {
            return Stream.of(
                    invalid("a product without a kind", draft().kind(null).command()),
                    invalid("a product without a price", draft().price(null).command()),
                    invalid("a blank name", draft().name(" ").command()),
                    invalid(
                            "a name of 201 characters",
                            draft().name("m".repeat(201)).command()),
                    invalid("a slug with capitals", draft().slug("Mug").command()),
                    invalid("a missing slug", draft().slug(null).command()),
                    invalid(
                            "a description of 5001 characters",
                            draft().description("d".repeat(5001)).command()),
                    invalid("negative stock", draft().stock(-1).command()),
                    invalid(
                            "a category that does not exist",
                            draft().categoryId(CategoryId.random()).command()),
                    invalid(
                            "metadata with 51 entries",
                            draft().metadata(TOO_MANY_ENTRIES).command()),
                    invalid(
                            "metadata with a blank key",
                            draft().metadata(Map.of(" ", "x")).command()),
                    invalid(
                            "a metadata value of 501 characters",
                            draft().metadata(Map.of("k", "v".repeat(501))).command()));
        }

        @ParameterizedTest(name = "{0} is refused as invalid")
        @MethodSource("invalidProducts")
        @DisplayName("invalid products are refused")
        void invalidProduct(CreateProductCommand command) {
            assertRefused(fixture.givenNoPriorActivity(), command, ACME, ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("a category of another tenant cannot hold the product")
        void categoryOfAnotherTenant() {
            CategoryId globexCategory = CategoryId.random();
            tree.existing(GLOBEX, globexCategory, null);

            assertRefused(
                    fixture.givenNoPriorActivity(),
                    draft().categoryId(globexCategory).command(),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("a slug that another product of the tenant has is refused as taken")
        void slugTaken() {
            keys.claimed(ACME, Scope.PRODUCT_SLUG, "mug", UUID.randomUUID());

            assertRefused(fixture.givenNoPriorActivity(), draft().command(), ACME, ErrorCode.SLUG_TAKEN);
        }

        @Test
        @DisplayName("a slug that another tenant's product has is free in this tenant")
        void slugOfAnotherTenant() {
            keys.claimed(GLOBEX, Scope.PRODUCT_SLUG, "mug", UUID.randomUUID());

            fixture.givenNoPriorActivity()
                    .when(draft().command(), from(ACME))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ProductCreatedEvent(
                            MUG,
                            ACME,
                            "Mug",
                            "mug",
                            "A mug.",
                            ProductKind.PHYSICAL,
                            PRICE,
                            10,
                            KITCHEN,
                            true,
                            METADATA));
        }
    }

    @Nested
    @DisplayName("updating")
    class Updating {

        @Test
        @DisplayName("a new price is recorded together with every unchanged detail")
        void changesPrice() {
            Money newPrice = Money.of(999, "EUR");

            assertAccepted(
                    fixture.given(mugCreated()),
                    change().price(newPrice).command(),
                    ACME,
                    1L,
                    mugUpdated(d -> d.price(newPrice)));
        }

        @Test
        @DisplayName("every detail can change at once")
        void changesEverything() {
            Map<String, String> metadata = Map.of("material", "stoneware");

            assertAccepted(
                    fixture.given(mugCreated()),
                    change().name("Big mug")
                            .description("A big mug.")
                            .kind(ProductKind.DIGITAL)
                            .price(Money.of(1, "USD"))
                            .stock(0)
                            .categoryId(GARDEN)
                            .metadata(metadata)
                            .command(),
                    ACME,
                    1L,
                    mugUpdated(d -> d.name("Big mug")
                            .description("A big mug.")
                            .kind(ProductKind.DIGITAL)
                            .price(Money.of(1, "USD"))
                            .stock(0)
                            .categoryId(GARDEN)
                            .metadata(metadata)));
        }

        @Test
        @DisplayName("a new slug is claimed and the old one released")
        void changesSlug() {
            assertAccepted(
                    fixture.given(mugCreated()),
                    change().slug("cup").command(),
                    ACME,
                    1L,
                    mugUpdated(d -> d.slug("cup")));

            assertThat(keys.ownerOf(ACME, Scope.PRODUCT_SLUG, "cup")).contains(MUG.value());
            assertThat(keys.ownerOf(ACME, Scope.PRODUCT_SLUG, "mug")).isEmpty();
        }

        @Test
        @DisplayName("a product is taken out of its category")
        void clearsCategory() {
            assertAccepted(
                    fixture.given(mugCreated()),
                    change().clearCategory().command(),
                    ACME,
                    1L,
                    mugUpdated(d -> d.categoryId(null)));
        }

        @Test
        @DisplayName("an update without changes records nothing")
        void emptyUpdateIsNoOp() {
            assertUnchanged(fixture.given(mugCreated()), change().command(), ACME, 0L);
        }

        @Test
        @DisplayName("an update that repeats the current details records nothing")
        void sameDetailsAreNoOp() {
            assertUnchanged(
                    fixture.given(mugCreated()),
                    change().name(" Mug ")
                            .slug("mug")
                            .description("A mug.")
                            .kind(ProductKind.PHYSICAL)
                            .price(Money.of(1299, "EUR"))
                            .stock(10)
                            .categoryId(KITCHEN)
                            .metadata(Map.of("colour", "blue"))
                            .command(),
                    ACME,
                    0L);

            assertThat(keys.ownerOf(ACME, Scope.PRODUCT_SLUG, "mug")).contains(MUG.value());
        }

        @Test
        @DisplayName("a slug that another product of the tenant has is refused as taken")
        void slugTaken() {
            keys.claimed(ACME, Scope.PRODUCT_SLUG, "cup", UUID.randomUUID());

            assertRefused(fixture.given(mugCreated()), change().slug("cup").command(), ACME, ErrorCode.SLUG_TAKEN);
        }

        static Stream<Arguments> invalidUpdates() {
            return Stream.of(
                    invalid("an empty name", change().name("").command()),
                    invalid(
                            "a slug with an underscore",
                            change().slug("big_mug").command()),
                    invalid(
                            "a description of 5001 characters",
                            change().description("d".repeat(5001)).command()),
                    invalid("negative stock", change().stock(-1).command()),
                    invalid(
                            "a category that does not exist",
                            change().categoryId(CategoryId.random()).command()),
                    invalid(
                            "metadata with 51 entries",
                            change().metadata(TOO_MANY_ENTRIES).command()));
        }

        @ParameterizedTest(name = "{0} is refused as invalid")
        @MethodSource("invalidUpdates")
        @DisplayName("invalid updates are refused")
        void invalidUpdate(UpdateProductCommand command) {
            assertRefused(fixture.given(mugCreated()), command, ACME, ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("an update based on an outdated version is refused")
        void outdatedVersion() {
            assertRefused(
                    fixture.given(mugCreated(), mugUpdated(d -> d.stock(9))),
                    change().stock(8).expectedVersion(0).command(),
                    ACME,
                    ConflictingAggregateVersionException.class);
        }

        @Test
        @DisplayName("an update based on the current version is accepted")
        void currentVersion() {
            assertAccepted(
                    fixture.given(mugCreated(), mugUpdated(d -> d.stock(9))),
                    change().stock(8).expectedVersion(1).command(),
                    ACME,
                    2L,
                    mugUpdated(d -> d.stock(8)));
        }
    }

    @Nested
    @DisplayName("deactivating and reactivating")
    class Activation {

        @Test
        @DisplayName("an active product is deactivated")
        void deactivates() {
            assertAccepted(
                    fixture.given(mugCreated()),
                    new DeactivateProductCommand(MUG, null),
                    ACME,
                    1L,
                    new ProductDeactivatedEvent(MUG));
        }

        @Test
        @DisplayName("deactivating an inactive product changes nothing")
        void deactivateInactiveIsNoOp() {
            assertUnchanged(
                    fixture.given(mugCreated(), new ProductDeactivatedEvent(MUG)),
                    new DeactivateProductCommand(MUG, null),
                    ACME,
                    1L);
        }

        @Test
        @DisplayName("an inactive product is reactivated")
        void reactivates() {
            assertAccepted(
                    fixture.given(mugCreated(), new ProductDeactivatedEvent(MUG)),
                    new ReactivateProductCommand(MUG, null),
                    ACME,
                    2L,
                    new ProductReactivatedEvent(MUG));
        }

        @Test
        @DisplayName("a product created inactive is reactivated")
        void reactivatesCreatedInactive() {
            keys.claimed(ACME, Scope.PRODUCT_SLUG, "mug", MUG.value());

            assertAccepted(
                    fixture.given(new ProductCreatedEvent(
                            MUG, ACME, "Mug", "mug", null, ProductKind.PHYSICAL, PRICE, 0, null, false, Map.of())),
                    new ReactivateProductCommand(MUG, null),
                    ACME,
                    1L,
                    new ProductReactivatedEvent(MUG));
        }

        @Test
        @DisplayName("reactivating an active product changes nothing")
        void reactivateActiveIsNoOp() {
            assertUnchanged(fixture.given(mugCreated()), new ReactivateProductCommand(MUG, null), ACME, 0L);
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
