package dev.tenantcore.query.catalog;

import dev.tenantcore.api.catalog.CategoryId;
import dev.tenantcore.api.catalog.CategoryNode;
import dev.tenantcore.api.catalog.CategoryTreeQuery;
import dev.tenantcore.api.catalog.FindProductBySlugQuery;
import dev.tenantcore.api.catalog.FindProductQuery;
import dev.tenantcore.api.catalog.ListProductsQuery;
import dev.tenantcore.api.catalog.ProductId;
import dev.tenantcore.api.catalog.ProductPage;
import dev.tenantcore.api.catalog.ProductResponse;
import dev.tenantcore.query.support.PageSize;
import dev.tenantcore.query.support.ReadQueries;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalogue as anonymous shoppers see it, for the tenant that the request's domain resolves
 * to: active products and the tree of active categories, nothing else. Every query here sets
 * {@code storefront}, so an inactive product is "not found" rather than merely hidden in lists.
 */
@RestController
@RequestMapping("/api/v1/public")
class StorefrontController {

    private final ReadQueries queries;

    StorefrontController(ReadQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/products")
    ProductPage products(
            @RequestParam(required = false) UUID categoryId,
            @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(defaultValue = "" + PageSize.DEFAULT) @Min(1) @Max(PageSize.MAX) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        var query = new ListProductsQuery(
                categoryId == null ? null : new CategoryId(categoryId), null, q, true, limit, cursor);
        return queries.one(query, ProductPage.class);
    }

    /** Storefront links use slugs; an id also works, and wins when the text is a UUID. */
    @GetMapping("/products/{slugOrId}")
    ResponseEntity<ProductResponse> product(@PathVariable @Size(max = 200) String slugOrId) {
        ProductResponse product = null;
        UUID id = parseUuid(slugOrId);
        if (id != null) {
            product = queries.one(new FindProductQuery(new ProductId(id), true), ProductResponse.class);
        }
        if (product == null) {
            product = queries.one(new FindProductBySlugQuery(slugOrId, true), ProductResponse.class);
        }
        return ReadQueries.versioned(product, ProductResponse::version, "The product does not exist.");
    }

    @GetMapping("/categories")
    List<CategoryNode> categories() {
        return queries.list(new CategoryTreeQuery(), CategoryNode.class);
    }

    private static UUID parseUuid(String text) {
        if (text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
