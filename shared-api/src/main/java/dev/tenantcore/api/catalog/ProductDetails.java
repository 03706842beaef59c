package dev.tenantcore.api.catalog;

import dev.tenantcore.api.common.Money;
import java.util.Map;

/**
 * The details of a product that its creation sets and an update replaces, as every message that
 * carries all of them names them, so the product aggregate reads them in one place. Accessors
 * only: each message's JSON stays its record's own components.
 */
public interface ProductDetails {

    String name();

    String slug();

    String description();

    ProductKind kind();

    Money price();

    int stock();

    CategoryId categoryId();

    Map<String, String> metadata();
}
