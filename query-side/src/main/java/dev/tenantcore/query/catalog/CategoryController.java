package dev.tenantcore.query.catalog;

import dev.tenantcore.api.catalog.CategoryId;
import dev.tenantcore.api.catalog.CategoryResponse;
import dev.tenantcore.api.catalog.FindCategoryBySlugQuery;
import dev.tenantcore.api.catalog.FindCategoryQuery;
import dev.tenantcore.api.catalog.ListCategoriesQuery;
import dev.tenantcore.query.support.ReadQueries;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
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
@PreAuthorize("hasAnyRole('OWNER','MANAGER','STAFF','AUDITOR')")
class CategoryController {

    private final ReadQueries queries;

    CategoryController(ReadQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    public List<CategoryResponse> list(@RequestParam(required = false) Boolean active) {
        return queries.list(new ListCategoriesQuery(active), CategoryResponse.class);
    }

    @GetMapping("/{id}")
    public ResponseEntity<CategoryResponse> get(@PathVariable UUID id) {
        return found(new FindCategoryQuery(new CategoryId(id)));
    }

    @GetMapping("/by-slug/{slug}")
    public ResponseEntity<CategoryResponse> bySlug(@PathVariable @Size(max = 200) String slug) {
        return found(new FindCategoryBySlugQuery(slug));
    }

    private ResponseEntity<CategoryResponse> found(Object query) {
        return queries.versioned(
                query, CategoryResponse.class, CategoryResponse::version, "The category does not exist.");
    }
}
