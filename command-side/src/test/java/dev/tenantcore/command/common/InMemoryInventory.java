package dev.tenantcore.command.common;

import dev.tenantcore.api.catalog.ProductId;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.ordering.OrderLine;
import dev.tenantcore.api.ordering.OrderLineRequest;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * {@link Inventory} on a map, standing in for {@code stock_levels} in aggregate tests. Rows belong
 * to the tenant bound in {@link TenantContext}; what a failed command changed is undone, as its
 * rolled-back transaction would undo it.
 */
public final class InMemoryInventory implements Inventory {

    public record Level(String name, Money price, boolean active, int onHand, int reserved) {}

    private record Slot(TenantId tenant, ProductId product) {}

    private final Map<Slot, Level> levels = new HashMap<>();

    /** A product of {@code tenant} that earlier commands listed. */
    public void stocked(TenantId tenant, ProductId product, String name, Money price, int onHand) {
        stocked(tenant, product, name, price, onHand, true);
    }

    public void stocked(TenantId tenant, ProductId product, String name, Money price, int onHand, boolean active) {
        levels.put(new Slot(tenant, product), new Level(name, price, active, onHand, 0));
    }

    public Optional<Level> levelOf(TenantId tenant, ProductId product) {
        return Optional.ofNullable(levels.get(new Slot(tenant, product)));
    }

    @Override
    public void listed(ProductId product, String name, Money price, boolean active, int onHand) {
        put(slot(product), new Level(name, price, active, onHand, 0));
    }

    @Override
    public void described(ProductId product, String name, Money price) {
        change(product, l -> new Level(name, price, l.active(), l.onHand(), l.reserved()));
    }

    @Override
    public void counted(ProductId product, int onHand) {
        change(product, l -> new Level(l.name(), l.price(), l.active(), onHand, l.reserved()));
    }

    @Override
    public void activated(ProductId product, boolean active) {
        change(product, l -> new Level(l.name(), l.price(), active, l.onHand(), l.reserved()));
    }

    @Override
    public void delisted(ProductId product) {
        put(slot(product), null);
    }

    @Override
    public List<OrderLine> reserve(List<OrderLineRequest> lines) {
        return lines.stream()
                .map(line -> {
                    Level level = levels.get(slot(line.productId()));
                    if (level == null || !level.active()) {
                        throw new DomainException(ErrorCode.VALIDATION_FAILED, "not for sale");
                    }
                    if (level.onHand() - level.reserved() < line.quantity()) {
                        throw new DomainException(ErrorCode.OUT_OF_STOCK, "not enough stock");
                    }
                    change(
                            line.productId(),
                            l -> new Level(
                                    l.name(), l.price(), l.active(), l.onHand(), l.reserved() + line.quantity()));
                    return new OrderLine(
                            line.productId(),
                            level.name(),
                            level.price(),
                            line.quantity(),
                            level.price().amountMinor() * line.quantity());
                })
                .toList();
    }

    @Override
    public void release(List<OrderLine> lines) {
        lines.forEach(line -> change(
                line.productId(),
                l -> new Level(l.name(), l.price(), l.active(), l.onHand(), l.reserved() - line.quantity())));
    }

    @Override
    public void shipped(List<OrderLine> lines) {
        lines.forEach(line -> change(
                line.productId(),
                l -> new Level(
                        l.name(),
                        l.price(),
                        l.active(),
                        l.onHand() - line.quantity(),
                        l.reserved() - line.quantity())));
    }

    private void change(ProductId product, UnaryOperator<Level> change) {
        Slot slot = slot(product);
        Level level = levels.get(slot);
        if (level != null) {
            put(slot, change.apply(level));
        }
    }

    private void put(Slot slot, Level level) {
        Level previous = level == null ? levels.remove(slot) : levels.put(slot, level);
        TestTransactions.onRollback(() -> {
            if (previous == null) {
                levels.remove(slot);
            } else {
                levels.put(slot, previous);
            }
        });
    }

    private static Slot slot(ProductId product) {
        TenantId tenant = TenantContext.current()
                .orElseThrow(() -> new IllegalStateException("the inventory needs a tenant bound to the thread"));
        return new Slot(tenant, product);
    }
}
