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
import java.net.URI;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Changes to the category tree, for owners and managers. */
@RestController
@RequestMapping("/api/v1/categories")
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
class CategoryCommandController {

    private final CommandGateway commands;
    private final CommandResponses responses;

    CategoryCommandController(CommandGateway commands, CommandResponses responses) {
        this.commands = commands;
        this.responses = responses;
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
    ResponseEntity<Object> create(
            @Valid @RequestBody CreateCategoryRequest body,
            @RequestHeader(value = "Prefer", required = false) String prefer) {
        CategoryId id = CategoryId.random();
        commands.sendAndWait(new CreateCategoryCommand(
                id,
                body.name(),
                body.slug(),
                body.parentId() == null ? null : new CategoryId(body.parentId()),
                body.position() == null ? 0 : body.position()));
        return respond(HttpStatus.CREATED, id, 0L, prefer);
    }

    @CommandEndpoint(representation = CategoryResponse.class)
    @PatchMapping("/{id}")
    ResponseEntity<Object> update(
            @PathVariable UUID id,
            @Valid @RequestBody UpdateCategoryRequest body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = "Prefer", required = false) String prefer) {
        long version = commands.sendAndWait(new UpdateCategoryCommand(
                new CategoryId(id),
                CommandResponses.expectedVersion(ifMatch),
                body.name(),
                body.slug(),
                body.position()));
        return respond(HttpStatus.OK, new CategoryId(id), version, prefer);
    }

    @CommandEndpoint(representation = CategoryResponse.class)
    @PostMapping("/{id}/move")
    ResponseEntity<Object> move(
            @PathVariable UUID id,
            @Valid @RequestBody MoveCategoryRequest body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = "Prefer", required = false) String prefer) {
        long version = commands.sendAndWait(new MoveCategoryCommand(
                new CategoryId(id),
                CommandResponses.expectedVersion(ifMatch),
                body.parentId() == null ? null : new CategoryId(body.parentId()),
                body.position()));
        return respond(HttpStatus.OK, new CategoryId(id), version, prefer);
    }

    @CommandEndpoint(representation = CategoryResponse.class)
    @PostMapping("/{id}/deactivate")
    ResponseEntity<Object> deactivate(
            @PathVariable UUID id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = "Prefer", required = false) String prefer) {
        long version = commands.sendAndWait(
                new DeactivateCategoryCommand(new CategoryId(id), CommandResponses.expectedVersion(ifMatch)));
        return respond(HttpStatus.OK, new CategoryId(id), version, prefer);
    }

    @CommandEndpoint(representation = CategoryResponse.class)
    @PostMapping("/{id}/reactivate")
    ResponseEntity<Object> reactivate(
            @PathVariable UUID id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = "Prefer", required = false) String prefer) {
        long version = commands.sendAndWait(
                new ReactivateCategoryCommand(new CategoryId(id), CommandResponses.expectedVersion(ifMatch)));
        return respond(HttpStatus.OK, new CategoryId(id), version, prefer);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(
            @PathVariable UUID id, @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        commands.sendAndWait(new DeleteCategoryCommand(new CategoryId(id), CommandResponses.expectedVersion(ifMatch)));
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<Object> respond(HttpStatus status, CategoryId id, long version, String prefer) {
        return responses.respond(
                status,
                status == HttpStatus.CREATED ? URI.create("/api/v1/categories/" + id) : null,
                id,
                version,
                prefer,
                new FindCategoryQuery(id),
                CategoryResponse.class,
                CategoryResponse::version);
    }
}
