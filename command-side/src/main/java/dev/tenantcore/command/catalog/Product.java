package dev.tenantcore.command.catalog;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import dev.tenantcore.api.catalog.CategoryId;
import dev.tenantcore.api.catalog.CreateProductCommand;
import dev.tenantcore.api.catalog.DeactivateProductCommand;
import dev.tenantcore.api.catalog.DeleteProductCommand;
import dev.tenantcore.api.catalog.ProductCreatedEvent;
import dev.tenantcore.api.catalog.ProductDeactivatedEvent;
import dev.tenantcore.api.catalog.ProductDeletedEvent;
import dev.tenantcore.api.catalog.ProductDetails;
import dev.tenantcore.api.catalog.ProductId;
import dev.tenantcore.api.catalog.ProductKind;
import dev.tenantcore.api.catalog.ProductReactivatedEvent;
import dev.tenantcore.api.catalog.ProductUpdatedEvent;
import dev.tenantcore.api.catalog.ReactivateProductCommand;
import dev.tenantcore.api.catalog.UpdateProductCommand;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.command.common.Inventory;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.command.common.TenantOwned;
import dev.tenantcore.command.common.UniqueKeys;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Something a tenant sells.
 *
 * <p>Invariants: the slug is unique within the tenant; the price is never negative and has a
 * real ISO currency; stock is never negative; the category, when set, exists in the same tenant.
 * An update that changes nothing records nothing. What orders may reserve is kept in
 * {@link Inventory}, in the same transaction; a stock edit there is a recount of what is on hand.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger", cache = "aggregateCache")
public class Product extends TenantOwned {

    @AggregateIdentifier
    private ProductId id;

    private Details details;
    private boolean active;

    /** Everything an update may change, compared as a whole to decide whether anything did. */
    private record Details(
            String name,
            String slug,
            String description,
            ProductKind kind,
            Money price,
            int stock,
            CategoryId categoryId,
            Map<String, String> metadata) {

        static Details of(ProductDetails given) {
            return new Details(
                    given.name(),
                    given.slug(),
                    given.description(),
                    given.kind(),
                    given.price(),
                    given.stock(),
                    given.categoryId(),
                    given.metadata());
        }
    }

    protected Product() {}

    @CommandHandler
    public Product(
            CreateProductCommand command,
            @MetaDataValue(MetadataKeys.TENANT_ID) String tenant,
            UniqueKeys keys,
            CategoryTree tree,
            Inventory inventory) {
        Details d = validated(Details.of(command), tree);
        keys.claim(UniqueKeys.Scope.PRODUCT_SLUG, d.slug(), command.productId().value());
        inventory.listed(command.productId(), d.name(), d.price(), command.active(), d.stock());
        apply(new ProductCreatedEvent(
                command.productId(),
                TenantId.of(tenant),
                d.name(),
                d.slug(),
                d.description(),
                d.kind(),
                d.price(),
                d.stock(),
                d.categoryId(),
                command.active(),
                d.metadata()));
    }

    @CommandHandler
    public long handle(UpdateProductCommand command, UniqueKeys keys, CategoryTree tree, Inventory inventory) {
        CategoryId category = command.clearCategory()
                ? null
                : command.categoryId() != null ? command.categoryId() : details.categoryId();
        Details changed = validated(
                new Details(
                        or(command.name(), details.name()),
                        or(command.slug(), details.slug()),
                        or(command.description(), details.description()),
                        or(command.kind(), details.kind()),
                        or(command.price(), details.price()),
                        or(command.stock(), details.stock()),
                        category,
                        or(command.metadata(), details.metadata())),
                category == null || category.equals(details.categoryId()) ? null : tree);
        if (changed.equals(details)) {
            return getVersion();
        }
        if (!changed.slug().equals(details.slug())) {
            keys.claim(UniqueKeys.Scope.PRODUCT_SLUG, changed.slug(), id.value());
            keys.release(UniqueKeys.Scope.PRODUCT_SLUG, details.slug(), id.value());
        }
        if (!changed.name().equals(details.name()) || !changed.price().equals(details.price())) {
            inventory.described(id, changed.name(), changed.price());
        }
        if (changed.stock() != details.stock()) {
            inventory.counted(id, changed.stock());
        }
        apply(new ProductUpdatedEvent(
                id,
                changed.name(),
                changed.slug(),
                changed.description(),
                changed.kind(),
                changed.price(),
                changed.stock(),
                changed.categoryId(),
                changed.metadata()));
        return getVersion();
    }

    @CommandHandler
    public long handle(DeactivateProductCommand command, Inventory inventory) {
        if (active) {
            inventory.activated(id, false);
            apply(new ProductDeactivatedEvent(id));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(ReactivateProductCommand command, Inventory inventory) {
        if (!active) {
            inventory.activated(id, true);
            apply(new ProductReactivatedEvent(id));
        }
        return getVersion();
    }

    @CommandHandler
    public void handle(DeleteProductCommand command, UniqueKeys keys, Inventory inventory) {
        keys.release(UniqueKeys.Scope.PRODUCT_SLUG, details.slug(), id.value());
        inventory.delisted(id);
        apply(new ProductDeletedEvent(id));
    }

    @EventSourcingHandler
    void on(ProductCreatedEvent event) {
        id = event.productId();
        tenantId = event.tenantId();
        details = Details.of(event);
        active = event.active();
    }

    @EventSourcingHandler
    void on(ProductUpdatedEvent event) {
        details = Details.of(event);
    }

    @EventSourcingHandler
    void on(ProductDeactivatedEvent event) {
        active = false;
    }

    @EventSourcingHandler
    void on(ProductReactivatedEvent event) {
        active = true;
    }

    @EventSourcingHandler
    void on(ProductDeletedEvent event) {
        markDeleted();
    }

    @Override
    protected String aggregateId() {
        return String.valueOf(id);
    }

    private static Details validated(Details d, CategoryTree tree) {
        if (d.kind() == null) {
            throw Rules.invalid("kind is required");
        }
        if (d.price() == null) {
            throw Rules.invalid("price is required");
        }
        // A null tree skips the check: the category did not change, and may since have been deleted.
        if (tree != null && d.categoryId() != null && !tree.exists(d.categoryId())) {
            throw Rules.invalid("categoryId does not name a category");
        }
        return new Details(
                Rules.text("name", d.name(), 200),
                Rules.slug(d.slug()),
                Rules.optionalText("description", d.description(), 5000),
                d.kind(),
                d.price(),
                Rules.nonNegative("stock", d.stock()),
                d.categoryId(),
                Rules.metadata(d.metadata()));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
