package dev.tenantcore.query.catalog;

import dev.tenantcore.api.catalog.CategoryId;
import dev.tenantcore.api.catalog.CategoryResponse;
import dev.tenantcore.api.catalog.FindCategoryBySlugQuery;
import dev.tenantcore.api.catalog.FindCategoryQuery;
import dev.tenantcore.api.catalog.ListCategoriesQuery;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.query.support.QueryResults;
import dev.tenantcore.query.support.VersionedResponses;
import jakarta.validation.constraints.Size;
import java.util.List;
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
 * Staff read every category here, inactive ones included. Public methods for the same reason as
 * in {@link ProductController}: method security works through a proxy.
 */
@RestController
@RequestMapping("/api/v1/categories")
@PreAuthorize("hasAnyRole('OWNER','MANAGER','STAFF')")
class CategoryController {

    private final QueryGateway queries;

    CategoryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    public List<CategoryResponse> list(@RequestParam(required = false) Boolean active) {
        return QueryResults.join(queries.query(
                new ListCategoriesQuery(active), ResponseTypes.multipleInstancesOf(CategoryResponse.class)));
    }

    @GetMapping("/{id}")
    public ResponseEntity<CategoryResponse> get(@PathVariable UUID id) {
        return found(queries.query(
                new FindCategoryQuery(new CategoryId(id)), ResponseTypes.instanceOf(CategoryResponse.class)));
    }

    @GetMapping("/by-slug/{slug}")
    public ResponseEntity<CategoryResponse> bySlug(@PathVariable @Size(max = 200) String slug) {
        return found(
                queries.query(new FindCategoryBySlugQuery(slug), ResponseTypes.instanceOf(CategoryResponse.class)));
    }

    private static ResponseEntity<CategoryResponse> found(CompletableFuture<CategoryResponse> answer) {
        CategoryResponse category = QueryResults.join(answer);
        if (category == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, "The category does not exist.");
        }
        return VersionedResponses.ok(category, category.version());
    }
}
