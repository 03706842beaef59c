package dev.tenantcore.command.catalog;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

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
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.command.common.TenantOwned;
import dev.tenantcore.command.common.UniqueKeys;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A node of a tenant's category tree.
 *
 * <p>Invariants: the slug is unique within the tenant; the parent exists in the same tenant; the
 * tree has no cycles ({@link CategoryTree}); a category with children cannot be deleted.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger", cache = "aggregateCache")
public class Category extends TenantOwned {

    @AggregateIdentifier
    private CategoryId id;

    private String name;
    private String slug;
    private CategoryId parentId;
    private int position;
    private boolean active;

    protected Category() {}

    @CommandHandler
    public Category(
            CreateCategoryCommand command,
            @MetaDataValue(MetadataKeys.TENANT_ID) String tenant,
            UniqueKeys keys,
            CategoryTree tree) {
        String name = Rules.text("name", command.name(), 200);
        String slug = Rules.slug(command.slug());
        int position = Rules.nonNegative("position", command.position());
        if (command.parentId() != null && !tree.exists(command.parentId())) {
            throw Rules.invalid("parentId does not name a category");
        }
        keys.claim(UniqueKeys.Scope.CATEGORY_SLUG, slug, command.categoryId().value());
        tree.add(command.categoryId(), command.parentId());
        apply(new CategoryCreatedEvent(
                command.categoryId(), TenantId.of(tenant), name, slug, command.parentId(), position));
    }

    @CommandHandler
    public long handle(UpdateCategoryCommand command, UniqueKeys keys) {
        String newName = command.name() == null ? name : Rules.text("name", command.name(), 200);
        String newSlug = command.slug() == null ? slug : Rules.slug(command.slug());
        int newPosition = command.position() == null ? position : Rules.nonNegative("position", command.position());
        if (!newSlug.equals(slug)) {
            keys.claim(UniqueKeys.Scope.CATEGORY_SLUG, newSlug, id.value());
            keys.release(UniqueKeys.Scope.CATEGORY_SLUG, slug, id.value());
        }
        if (!newName.equals(name) || !newSlug.equals(slug) || newPosition != position) {
            apply(new CategoryUpdatedEvent(id, newName, newSlug, newPosition));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(MoveCategoryCommand command, CategoryTree tree) {
        int newPosition = command.position() == null ? position : Rules.nonNegative("position", command.position());
        if (command.parentId() != null && !tree.exists(command.parentId())) {
            throw Rules.invalid("parentId does not name a category");
        }
        if (!Objects.equals(command.parentId(), parentId) || newPosition != position) {
            tree.move(id, command.parentId());
            apply(new CategoryMovedEvent(id, command.parentId(), newPosition));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(DeactivateCategoryCommand command) {
        if (active) {
            apply(new CategoryDeactivatedEvent(id));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(ReactivateCategoryCommand command) {
        if (!active) {
            apply(new CategoryReactivatedEvent(id));
        }
        return getVersion();
    }

    @CommandHandler
    public void handle(DeleteCategoryCommand command, UniqueKeys keys, CategoryTree tree) {
        if (tree.hasChildren(id)) {
            throw new DomainException(ErrorCode.CATEGORY_NOT_EMPTY, "Move or delete the subcategories first.");
        }
        keys.release(UniqueKeys.Scope.CATEGORY_SLUG, slug, id.value());
        tree.remove(id);
        apply(new CategoryDeletedEvent(id));
    }

    @EventSourcingHandler
    void on(CategoryCreatedEvent event) {
        id = event.categoryId();
        tenantId = event.tenantId();
        name = event.name();
        slug = event.slug();
        parentId = event.parentId();
        position = event.position();
        active = true;
    }

    @EventSourcingHandler
    void on(CategoryUpdatedEvent event) {
        name = event.name();
        slug = event.slug();
        position = event.position();
    }

    @EventSourcingHandler
    void on(CategoryMovedEvent event) {
        parentId = event.parentId();
        position = event.position();
    }

    @EventSourcingHandler
    void on(CategoryDeactivatedEvent event) {
        active = false;
    }

    @EventSourcingHandler
    void on(CategoryReactivatedEvent event) {
        active = true;
    }

    @EventSourcingHandler
    void on(CategoryDeletedEvent event) {
        markDeleted();
    }

    @Override
    protected String aggregateId() {
        return String.valueOf(id);
    }
}
