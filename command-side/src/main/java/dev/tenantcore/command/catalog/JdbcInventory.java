package dev.tenantcore.command.catalog;

import dev.tenantcore.api.catalog.ProductId;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.ordering.OrderLine;
import dev.tenantcore.api.ordering.OrderLineRequest;
import dev.tenantcore.command.common.Inventory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link Inventory} on the row-level-secured {@code stock_levels} table. */
@Component
class JdbcInventory implements Inventory {

    private final JdbcTemplate jdbc;

    JdbcInventory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void listed(ProductId product, String name, Money price, boolean active, int onHand) {
        jdbc.update("""
                INSERT INTO stock_levels (tenant_id, product_id, name, price_minor, currency, active, on_hand)
                VALUES (app_current_tenant(), ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, product_id) DO UPDATE
                   SET name = EXCLUDED.name, price_minor = EXCLUDED.price_minor, currency = EXCLUDED.currency,
                       active = EXCLUDED.active, on_hand = EXCLUDED.on_hand
                """, product.value(), name, price.amountMinor(), price.currency(), active, onHand);
    }

    @Override
    public void described(ProductId product, String name, Money price) {
        jdbc.update(
                "UPDATE stock_levels SET name = ?, price_minor = ?, currency = ? WHERE product_id = ?",
                name,
                price.amountMinor(),
                price.currency(),
                product.value());
    }

    @Override
    public void counted(ProductId product, int onHand) {
        jdbc.update("UPDATE stock_levels SET on_hand = ? WHERE product_id = ?", onHand, product.value());
    }

    @Override
    public void activated(ProductId product, boolean active) {
        jdbc.update("UPDATE stock_levels SET active = ? WHERE product_id = ?", active, product.value());
    }

    @Override
    public void delisted(ProductId product) {
        jdbc.update("DELETE FROM stock_levels WHERE product_id = ?", product.value());
    }

    /**
     * One conditional UPDATE per line: the row lock makes concurrent reservations of one product
     * wait for each other and re-check the stock, so together they never take more than is there.
     * Lines are reserved in product-id order, so two orders locking the same products cannot
     * deadlock.
     */
    @Override
    public List<OrderLine> reserve(List<OrderLineRequest> lines) {
        Map<ProductId, OrderLine> priced = new HashMap<>();
        List<OrderLineRequest> byProduct = new ArrayList<>(lines);
        byProduct.sort(Comparator.comparing(l -> l.productId().value()));
        for (OrderLineRequest line : byProduct) {
            List<OrderLine> reserved = jdbc.query(
                    """
                    UPDATE stock_levels SET reserved = reserved + ?
                     WHERE product_id = ? AND active AND on_hand - reserved >= ?
                    RETURNING name, price_minor, currency
                    """,
                    (rs, row) -> {
                        Money unit = Money.of(rs.getLong("price_minor"), rs.getString("currency"));
                        return new OrderLine(
                                line.productId(),
                                rs.getString("name"),
                                unit,
                                line.quantity(),
                                unit.times(line.quantity()).amountMinor());
                    },
                    line.quantity(),
                    line.productId().value(),
                    line.quantity());
            if (reserved.isEmpty()) {
                throw refusal(line.productId());
            }
            priced.put(line.productId(), reserved.get(0));
        }
        return lines.stream().map(l -> priced.get(l.productId())).toList();
    }

    private DomainException refusal(ProductId product) {
        List<String> names = jdbc.queryForList(
                "SELECT name FROM stock_levels WHERE product_id = ? AND active", String.class, product.value());
        return names.isEmpty()
                ? new DomainException(ErrorCode.VALIDATION_FAILED, "Product " + product + " is not for sale.")
                : new DomainException(
                        ErrorCode.OUT_OF_STOCK, "There is not enough stock of '" + names.get(0) + "' for this order.");
    }

    @Override
    public void release(List<OrderLine> lines) {
        endReservations(lines, false);
    }

    @Override
    public void shipped(List<OrderLine> lines) {
        endReservations(lines, true);
    }

    /**
     * Releasing and shipping both end the lines' reservations, in product-id order as
     * {@link #reserve} locks them; a shipment also takes the goods off hand.
     */
    private void endReservations(List<OrderLine> lines, boolean leftTheShelf) {
        for (OrderLine line : sorted(lines)) {
            jdbc.update(
                    "UPDATE stock_levels SET reserved = reserved - ?, on_hand = on_hand - ? WHERE product_id = ?",
                    line.quantity(),
                    leftTheShelf ? line.quantity() : 0,
                    line.productId().value());
        }
    }

    private static List<OrderLine> sorted(List<OrderLine> lines) {
        List<OrderLine> copy = new ArrayList<>(lines);
        copy.sort(Comparator.comparing(l -> l.productId().value()));
        return copy;
    }
}
