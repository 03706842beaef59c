package dev.tenantcore.query.catalog;

import dev.tenantcore.api.catalog.CategoryId;
import dev.tenantcore.api.catalog.FindProductBySlugQuery;
import dev.tenantcore.api.catalog.FindProductQuery;
import dev.tenantcore.api.catalog.ListProductsQuery;
import dev.tenantcore.api.catalog.ProductId;
import dev.tenantcore.api.catalog.ProductPage;
import dev.tenantcore.api.catalog.ProductResponse;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.query.support.PageSize;
import dev.tenantcore.query.support.QueryResults;
import dev.tenantcore.query.support.VersionedResponses;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
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
@PreAuthorize("hasAnyRole('OWNER','MANAGER','STAFF')")
class ProductController {

    private final QueryGateway queries;

    ProductController(QueryGateway queries) {
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
        return QueryResults.join(queries.query(query, ResponseTypes.instanceOf(ProductPage.class)));
    }

    @GetMapping("/{id}")
    public ResponseEntity<ProductResponse> get(@PathVariable UUID id) {
        return found(queries.query(
                new FindProductQuery(new ProductId(id), false), ResponseTypes.instanceOf(ProductResponse.class)));
    }

    @GetMapping("/by-slug/{slug}")
    public ResponseEntity<ProductResponse> bySlug(@PathVariable @Size(max = 200) String slug) {
        return found(queries.query(
                new FindProductBySlugQuery(slug, false), ResponseTypes.instanceOf(ProductResponse.class)));
    }

    private static ResponseEntity<ProductResponse> found(CompletableFuture<ProductResponse> answer) {
        ProductResponse product = QueryResults.join(answer);
        if (product == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, "The product does not exist.");
        }
        return VersionedResponses.ok(product, product.version());
    }
}
