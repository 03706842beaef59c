package dev.tenantcore.query.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.catalog.CategoryCreatedEvent;
import dev.tenantcore.api.catalog.CategoryDeactivatedEvent;
import dev.tenantcore.api.catalog.CategoryDeletedEvent;
import dev.tenantcore.api.catalog.CategoryId;
import dev.tenantcore.api.catalog.CategoryMovedEvent;
import dev.tenantcore.api.catalog.CategoryNode;
import dev.tenantcore.api.catalog.CategoryReactivatedEvent;
import dev.tenantcore.api.catalog.CategoryResponse;
import dev.tenantcore.api.catalog.CategoryTreeQuery;
import dev.tenantcore.api.catalog.CategoryUpdatedEvent;
import dev.tenantcore.api.catalog.FindCategoryQuery;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.query.support.History;
import dev.tenantcore.query.support.ProjectionContract;
import dev.tenantcore.query.support.ProjectionFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The category projection")
class CategoryProjectionTest extends ProjectionContract<CategoryProjection> {

    private final CategoryId root = new CategoryId(id());
    private final CategoryId child = new CategoryId(id());
    private final CategoryId removed = new CategoryId(id());

    CategoryProjectionTest() {
        super(CategoryProjection::new, "categories");
    }

    @Override
    protected History history(TenantId tenant) {
        String name = "Shoes of " + tenant;
        return new History(tenant)
                .of(root, new CategoryCreatedEvent(root, tenant, "Shoes", "shoes", null, 0))
                .of(child, new CategoryCreatedEvent(child, tenant, "Boots", "boots", null, 1))
                .of(root, new CategoryUpdatedEvent(root, name, "shoes", 2))
                .of(child, new CategoryMovedEvent(child, root, 0))
                .of(child, new CategoryDeactivatedEvent(child), new CategoryReactivatedEvent(child))
                .of(removed, new CategoryCreatedEvent(removed, tenant, "Old", "old", null, 3))
                .of(removed, new CategoryDeletedEvent(removed));
    }

    @Test
    @DisplayName("answers each tenant with its own category, version and tree")
    void answersEachTenant() {
        CategoryResponse found = ask(first, p -> p.handle(new FindCategoryQuery(root)));
        assertThat(found.name()).isEqualTo("Shoes of " + first);
        assertThat(found.version()).isEqualTo(1);
        assertThat(ask(second, p -> p.handle(new FindCategoryQuery(child))).version())
                .isEqualTo(3);
        assertThat(ask(first, (CategoryProjection p) -> p.handle(new FindCategoryQuery(removed))))
                .isNull();
        List<CategoryNode> tree = ask(second, p -> p.handle(new CategoryTreeQuery()));
        assertThat(tree).singleElement().satisfies(node -> {
            assertThat(node.name()).isEqualTo("Shoes of " + second);
            assertThat(node.children()).extracting(CategoryNode::slug).containsExactly("boots");
        });
    }

    @Test
    @DisplayName("tells subscribers of a category each change once, and that it is gone once deleted")
    void publishesChanges() {
        TenantId tenant = ProjectionFixture.newTenant();
        CategoryProjection projection = projection();
        List<Object> heard = new ArrayList<>();
        AtomicBoolean completed = new AtomicBoolean();
        var subscription = db.emitter()
                .registerUpdateHandler(
                        new GenericSubscriptionQueryMessage<>(
                                new FindCategoryQuery(removed),
                                ResponseTypes.instanceOf(CategoryResponse.class),
                                ResponseTypes.instanceOf(CategoryResponse.class)),
                        16);
        subscription
                .getUpdates()
                .subscribe(update -> heard.add(update.getPayload()), e -> {}, () -> completed.set(true));
        List<DomainEventMessage<?>> events = new History(tenant)
                .of(removed, new CategoryCreatedEvent(removed, tenant, "Old", "old", null, 3))
                .of(removed, new CategoryUpdatedEvent(removed, "Older", "old", 3))
                .of(removed, new CategoryDeletedEvent(removed))
                .events();

        db.feed(projection, events.subList(0, 2));
        db.feed(projection, events.subList(0, 2));

        assertThat(heard)
                .as("the redelivered events are not announced again")
                .extracting(update -> ((CategoryResponse) update).name())
                .containsExactly("Old", "Older");
        assertThat(completed).isFalse();
        db.feed(projection, events.subList(2, 3));
        assertThat(completed).isTrue();
    }
}
