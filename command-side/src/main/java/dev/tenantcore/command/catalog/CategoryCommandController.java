package dev.tenantcore.command.catalog;

import dev.tenantcore.api.catalog.CategoryId;
import dev.tenantcore.api.catalog.CategoryResponse;
import dev.tenantcore.api.catalog.CreateCategoryCommand;
import dev.tenantcore.api.catalog.DeactivateCategoryCommand;
import dev.tenantcore.api.catalog.DeleteCategoryCommand;
import dev.tenantcore.api.catalog.FindCategoryQuery;
import dev.tenantcore.api.catalog.MoveCategoryCommand;
import dev.tenantcore.api.catalog.ReactivateCategoryCommand;
import dev.tenantcore.api.catalog.UpdateCategoryCommand;
import dev.tenantcore.command.common.CommandHeaders;
import dev.tenantcore.command.common.CommandResource;
import dev.tenantcore.command.common.CommandResponses;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.infra.web.CommandEndpoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Changes to the category tree, for owners and managers. */
@RestController
@RequestMapping("/api/v1/categories")
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
class CategoryCommandController {

    private final CommandResource<CategoryId, CategoryResponse> categories;

    CategoryCommandController(CommandResponses responses) {
        this.categories = responses.resource(
                "/api/v1/categories",
                CategoryId::new,
                FindCategoryQuery::new,
                CategoryResponse.class,
                CategoryResponse::version);
    }

    record CreateCategoryRequest(
            @NotBlank @Size(max = 200) String name,
            @NotNull @Pattern(regexp = Rules.SLUG_PATTERN) String slug,
            UUID parentId,
            @PositiveOrZero @Max(1_000_000) Integer position) {}

    record UpdateCategoryRequest(
            @Size(min = 1, max = 200) String name,
            @Pattern(regexp = Rules.SLUG_PATTERN) String slug,
            @PositiveOrZero @Max(1_000_000) Integer position) {}

    record MoveCategoryRequest(
            UUID parentId, @PositiveOrZero @Max(1_000_000) Integer position) {}

    @CommandEndpoint(representation = CategoryResponse.class, creates = true)
    @PostMapping
    ResponseEntity<Object> create(@Valid @RequestBody CreateCategoryRequest body, CommandHeaders headers) {
        CategoryId id = CategoryId.random();
        return categories.create(
                id,
                new CreateCategoryCommand(
                        id,
                        body.name(),
                        body.slug(),
                        body.parentId() == null ? null : new CategoryId(body.parentId()),
                        body.position() == null ? 0 : body.position()),
                headers);
    }

    @CommandEndpoint(representation = CategoryResponse.class)
    @PatchMapping("/{id}")
    ResponseEntity<Object> update(
            @PathVariable UUID id, @Valid @RequestBody UpdateCategoryRequest body, CommandHeaders headers) {
        return categories.transition(
                id,
                headers,
                (category, expected) ->
                        new UpdateCategoryCommand(category, expected, body.name(), body.slug(), body.position()));
    }

    @CommandEndpoint(representation = CategoryResponse.class)
    @PostMapping("/{id}/move")
    ResponseEntity<Object> move(
            @PathVariable UUID id, @Valid @RequestBody MoveCategoryRequest body, CommandHeaders headers) {
        CategoryId parent = body.parentId() == null ? null : new CategoryId(body.parentId());
        return categories.transition(
                id,
                headers,
                (category, expected) -> new MoveCategoryCommand(category, expected, parent, body.position()));
    }

    @CommandEndpoint(representation = CategoryResponse.class)
    @PostMapping("/{id}/deactivate")
    ResponseEntity<Object> deactivate(@PathVariable UUID id, CommandHeaders headers) {
        return categories.transition(id, headers, DeactivateCategoryCommand::new);
    }

    @CommandEndpoint(representation = CategoryResponse.class)
    @PostMapping("/{id}/reactivate")
    ResponseEntity<Object> reactivate(@PathVariable UUID id, CommandHeaders headers) {
        return categories.transition(id, headers, ReactivateCategoryCommand::new);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, CommandHeaders headers) {
        return categories.remove(id, headers, DeleteCategoryCommand::new);
    }
}
