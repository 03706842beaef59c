package dev.tenantcore.app.support;

import dev.tenantcore.api.catalog.ProductId;
import dev.tenantcore.api.catalog.ProductKind;
import dev.tenantcore.api.catalog.ProductUpdatedEvent;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

/** A long history for a product, to append to the store directly: a rebuild of it takes a while. */
public final class ProductHistory {

    private ProductHistory() {}

    /**
     * {@code count} price changes of the product, after its creation (sequence 0), each renaming it
     * "Filler n" at a price of 100 + n.
     */
    public static List<DomainEventMessage<?>> priceChanges(Platform.Shop shop, String productId, int count) {
        List<DomainEventMessage<?>> updates = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            updates.add(new GenericDomainEventMessage<>(
                    "Product",
                    productId,
                    i,
                    new ProductUpdatedEvent(
                            new ProductId(UUID.fromString(productId)),
                            "Filler " + i,
                            null,
                            null,
                            ProductKind.DIGITAL,
                            Money.of(100 + i, "EUR"),
                            0,
                            null,
                            null),
                    MetaData.with(MetadataKeys.TENANT_ID, shop.id())));
        }
        return updates;
    }
}
