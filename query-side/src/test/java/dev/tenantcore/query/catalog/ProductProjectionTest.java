package dev.tenantcore.query.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.catalog.CategoryId;
import dev.tenantcore.api.catalog.FindProductQuery;
import dev.tenantcore.api.catalog.ListProductsQuery;
import dev.tenantcore.api.catalog.ProductCreatedEvent;
import dev.tenantcore.api.catalog.ProductDeactivatedEvent;
import dev.tenantcore.api.catalog.ProductDeletedEvent;
import dev.tenantcore.api.catalog.ProductId;
import dev.tenantcore.api.catalog.ProductKind;
import dev.tenantcore.api.catalog.ProductPage;
import dev.tenantcore.api.catalog.ProductReactivatedEvent;
import dev.tenantcore.api.catalog.ProductResponse;
import dev.tenantcore.api.catalog.ProductUpdatedEvent;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.query.support.History;
import dev.tenantcore.query.support.ProjectionContract;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The product projection")
class ProductProjectionTest extends ProjectionContract<ProductProjection> {

    private final ProductId boots = new ProductId(id());
    private final ProductId hidden = new ProductId(id());
    private final ProductId removed = new ProductId(id());
    private final CategoryId category = new CategoryId(id());

    ProductProjectionTest() {
        super(ProductProjection::new, "products");
    }

    @Override
    protected History history(TenantId tenant) {
        Money price = Money.of(4_990, "EUR");
        return new History(tenant)
                .of(boots, created(boots, tenant, "Boots", price, Map.of("size", "42")))
                .of(hidden, created(hidden, tenant, "Hidden", price, null))
                .of(removed, created(removed, tenant, "Old", price, Map.of()))
                // A partial update: the nulls keep the stored name, kind, price and metadata.
                .of(
                        boots,
                        new ProductUpdatedEvent(boots, null, "boots", "Warm " + tenant, null, null, 7, category, null))
                .of(hidden, new ProductDeactivatedEvent(hidden))
                .of(boots, new ProductDeactivatedEvent(boots), new ProductReactivatedEvent(boots))
                .of(removed, new ProductDeletedEvent(removed));
    }

    private static ProductCreatedEvent created(
            ProductId id, TenantId tenant, String name, Money price, Map<String, String> metadata) {
        return new ProductCreatedEvent(
                id, tenant, name, name.toLowerCase(), null, ProductKind.PHYSICAL, price, 3, null, true, metadata);
    }

    @Test
    @DisplayName("answers each tenant with its own products, and storefronts with active ones only")
    void answersEachTenant() {
        ProductResponse found = ask(first, p -> p.handle(new FindProductQuery(boots, false)));
        assertThat(found.name()).isEqualTo("Boots");
        assertThat(found.description()).isEqualTo("Warm " + first);
        assertThat(found.price()).isEqualTo(Money.of(4_990, "EUR"));
        assertThat(found.metadata()).containsExactly(Map.entry("size", "42"));
        assertThat(found.stock()).isEqualTo(7);
        assertThat(found.version()).isEqualTo(3);
        assertThat(ask(second, (ProductProjection p) -> p.handle(new FindProductQuery(hidden, true))))
                .isNull();

        ProductPage storefront = ask(second, p -> p.handle(new ListProductsQuery(null, null, null, true, 10, null)));
        assertThat(storefront.items()).extracting(ProductResponse::id).containsExactly(boots);
        ProductPage staff = ask(second, p -> p.handle(new ListProductsQuery(null, null, "d", false, 1, null)));
        assertThat(staff.items()).extracting(ProductResponse::id).containsExactly(hidden);
        assertThat(staff.nextCursor()).isNull();
    }
}
