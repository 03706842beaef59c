package dev.tenantcore.query.catalog;

import dev.tenantcore.api.catalog.CategoryId;
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
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff read the whole catalogue here, inactive products included.
 *
 * <p>The handler methods are public because method security is enforced by a proxy, and a
 * proxy is only sure to intercept public methods. Parameter constraints are checked by Spring
 * MVC's built-in method validation (no class-level {@code @Validated}, which would switch it to
 * the proxy and report fields as {@code list.limit} instead of {@code limit}).
 */
@RestController
@RequestMapping("/api/v1/products")
@PreAuthorize("hasAnyRole('OWNER','MANAGER','STAFF','AUDITOR')")
class ProductController {

    private final ReadQueries queries;

    ProductController(ReadQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    public ProductPage list(
            @RequestParam(required = false) UUID categoryId,
            @RequestParam(required = false) Boolean active,
            @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(defaultValue = "" + PageSize.DEFAULT) @Min(1) @Max(PageSize.MAX) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        var query = new ListProductsQuery(
                categoryId == null ? null : new CategoryId(categoryId), active, q, false, limit, cursor);
        return queries.one(query, ProductPage.class);
    }

    @GetMapping("/{id}")
    public ResponseEntity<ProductResponse> get(@PathVariable UUID id) {
        return found(new FindProductQuery(new ProductId(id), false));
    }

    @GetMapping("/by-slug/{slug}")
    public ResponseEntity<ProductResponse> bySlug(@PathVariable @Size(max = 200) String slug) {
        return found(new FindProductBySlugQuery(slug, false));
    }

    private ResponseEntity<ProductResponse> found(Object query) {
        return queries.versioned(query, ProductResponse.class, ProductResponse::version, "The product does not exist.");
    }
}
