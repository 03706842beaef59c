package dev.tenantcore.command.catalog;

import dev.tenantcore.api.catalog.CategoryId;
import dev.tenantcore.api.catalog.CreateProductCommand;
import dev.tenantcore.api.catalog.DeactivateProductCommand;
import dev.tenantcore.api.catalog.DeleteProductCommand;
import dev.tenantcore.api.catalog.FindProductQuery;
import dev.tenantcore.api.catalog.ProductId;
import dev.tenantcore.api.catalog.ProductKind;
import dev.tenantcore.api.catalog.ProductResponse;
import dev.tenantcore.api.catalog.ReactivateProductCommand;
import dev.tenantcore.api.catalog.UpdateProductCommand;
import dev.tenantcore.api.common.Money;
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
import java.util.Map;
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

/** Changes to the catalogue's products, for owners and managers. */
@RestController
@RequestMapping("/api/v1/products")
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
class ProductCommandController {

    private final CommandResource<ProductId, ProductResponse> products;

    ProductCommandController(CommandResponses responses) {
        this.products = responses.resource(
                "/api/v1/products",
                ProductId::new,
                id -> new FindProductQuery(id, false),
                ProductResponse.class,
                ProductResponse::version);
    }

    record PriceRequest(
            @NotNull @PositiveOrZero @Max(100_000_000_000L) Long amountMinor,
            @NotNull @Pattern(regexp = "[A-Z]{3}") String currency) {
        Money toMoney() {
            return Money.of(amountMinor, currency);
        }
    }

    record CreateProductRequest(
            @NotBlank @Size(max = 200) String name,
            @NotNull @Pattern(regexp = Rules.SLUG_PATTERN) String slug,
            @Size(max = 5000) String description,
            @NotNull ProductKind kind,
            @NotNull @Valid PriceRequest price,
            @PositiveOrZero @Max(1_000_000_000) Integer stock,
            UUID categoryId,
            Boolean active,
            @Size(max = 50) Map<@Size(min = 1, max = 64) String, @NotNull @Size(max = 500) String> metadata) {}

    record UpdateProductRequest(
            @Size(min = 1, max = 200) String name,
            @Pattern(regexp = Rules.SLUG_PATTERN) String slug,
            @Size(max = 5000) String description,
            ProductKind kind,
            @Valid PriceRequest price,
            @PositiveOrZero @Max(1_000_000_000) Integer stock,
            UUID categoryId,
            Boolean removeFromCategory,
            @Size(max = 50) Map<@Size(min = 1, max = 64) String, @NotNull @Size(max = 500) String> metadata) {

        UpdateProductCommand toCommand(ProductId product, Long expectedVersion) {
            return new UpdateProductCommand(
                    product,
                    expectedVersion,
                    name,
                    slug,
                    description,
                    kind,
                    price == null ? null : price.toMoney(),
                    stock,
                    categoryId == null ? null : new CategoryId(categoryId),
                    Boolean.TRUE.equals(removeFromCategory),
                    metadata);
        }
    }

    @CommandEndpoint(representation = ProductResponse.class, creates = true)
    @PostMapping
    ResponseEntity<Object> create(@Valid @RequestBody CreateProductRequest body, CommandHeaders headers) {
        ProductId id = ProductId.random();
        return products.create(
                id,
                new CreateProductCommand(
                        id,
                        body.name(),
                        body.slug(),
                        body.description(),
                        body.kind(),
                        body.price().toMoney(),
                        body.stock() == null ? 0 : body.stock(),
                        body.categoryId() == null ? null : new CategoryId(body.categoryId()),
                        body.active() == null || body.active(),
                        body.metadata()),
                headers);
    }

    @CommandEndpoint(representation = ProductResponse.class)
    @PatchMapping("/{id}")
    ResponseEntity<Object> update(
            @PathVariable UUID id, @Valid @RequestBody UpdateProductRequest body, CommandHeaders headers) {
        return products.transition(id, headers, body::toCommand);
    }

    @CommandEndpoint(representation = ProductResponse.class)
    @PostMapping("/{id}/deactivate")
    ResponseEntity<Object> deactivate(@PathVariable UUID id, CommandHeaders headers) {
        return products.transition(id, headers, DeactivateProductCommand::new);
    }

    @CommandEndpoint(representation = ProductResponse.class)
    @PostMapping("/{id}/reactivate")
    ResponseEntity<Object> reactivate(@PathVariable UUID id, CommandHeaders headers) {
        return products.transition(id, headers, ReactivateProductCommand::new);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, CommandHeaders headers) {
        return products.remove(id, headers, DeleteProductCommand::new);
    }
}
