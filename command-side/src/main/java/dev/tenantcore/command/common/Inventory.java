package dev.tenantcore.command.common;

import dev.tenantcore.api.catalog.ProductId;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.ordering.OrderLine;
import dev.tenantcore.api.ordering.OrderLineRequest;
import java.util.List;

/**
 * The command side's own record of what can be ordered: each product's name, price, whether it is
 * for sale, its stock on hand and how much of it orders hold. Products write it and orders reserve
 * from it, in the same transaction as their events, so a price or a reservation is never read from
 * a lagging read model. It lives in {@code common} because two contexts share it: catalog writes
 * it ({@code JdbcInventory}), ordering reserves from it.
 *
 * <p>Stock rules: a product's {@code stock} is a count of what is on hand, goods reserved for
 * open orders included. Orders may reserve only what is on hand and not yet reserved; shipping an
 * order takes its goods off hand and out of the reservation. A staff edit of the stock is a recount
 * that replaces what is on hand and leaves reservations alone, so a recount below what is reserved
 * refuses further orders until stock comes back.
 */
public interface Inventory {

    /** A new product, with {@code onHand} in stock and nothing reserved. */
    void listed(ProductId product, String name, Money price, boolean active, int onHand);

    /** New name or price for orders placed from now on; open orders keep theirs. */
    void described(ProductId product, String name, Money price);

    /** A recount of the stock on hand. */
    void counted(ProductId product, int onHand);

    void activated(ProductId product, boolean active);

    void delisted(ProductId product);

    /**
     * Reserves every line or refuses the whole order: {@code out_of_stock} when a product has too
     * little stock left, {@code validation_failed} when one is not for sale. The refusal rolls the
     * command's transaction back, so earlier lines' reservations go too. Returns the lines priced
     * from the catalogue, in the order asked.
     */
    List<OrderLine> reserve(List<OrderLineRequest> lines);

    /** Gives reserved stock back, when an order is cancelled. */
    void release(List<OrderLine> lines);

    /** The goods of these reserved lines left: they are neither reserved nor on hand any more. */
    void shipped(List<OrderLine> lines);
}
