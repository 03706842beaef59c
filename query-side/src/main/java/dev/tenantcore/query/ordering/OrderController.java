package dev.tenantcore.query.ordering;

import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.ordering.FindOrderQuery;
import dev.tenantcore.api.ordering.ListOrdersQuery;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.ordering.OrderPage;
import dev.tenantcore.api.ordering.OrderResponse;
import dev.tenantcore.api.ordering.OrderStatus;
import dev.tenantcore.infra.security.CustomerScope;
import dev.tenantcore.query.support.PageSize;
import dev.tenantcore.query.support.ReadQueries;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Orders as staff and customers read them. A customer sees only their own orders: their lists are
 * always filtered to them, and another customer's order answers exactly as a missing one.
 */
@RestController
@RequestMapping("/api/v1/orders")
@PreAuthorize("hasAnyRole('CUSTOMER','STAFF','MANAGER','OWNER','AUDITOR')")
class OrderController {

    private final ReadQueries queries;

    OrderController(ReadQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    public OrderPage list(
            @RequestParam(required = false) OrderStatus status,
            @RequestParam(required = false) UUID customerId,
            @RequestParam(required = false) Instant placedFrom,
            @RequestParam(required = false) Instant placedBefore,
            @RequestParam(required = false) @PositiveOrZero Long minTotal,
            @RequestParam(required = false) @PositiveOrZero Long maxTotal,
            @RequestParam(defaultValue = "" + PageSize.DEFAULT) @Min(1) @Max(PageSize.MAX) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        UserId customer = CustomerScope.current();
        var query = new ListOrdersQuery(
                status,
                customer != null ? customer : customerId == null ? null : new UserId(customerId),
                placedFrom,
                placedBefore,
                minTotal,
                maxTotal,
                limit,
                cursor);
        return queries.one(query, OrderPage.class);
    }

    @GetMapping("/{id}")
    public ResponseEntity<OrderResponse> get(@PathVariable UUID id) {
        return queries.versioned(
                new FindOrderQuery(new OrderId(id), CustomerScope.current()),
                OrderResponse.class,
                OrderResponse::version);
    }
}
