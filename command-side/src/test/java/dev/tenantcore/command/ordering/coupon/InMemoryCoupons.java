package dev.tenantcore.command.ordering.coupon;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.ordering.coupon.CouponId;
import dev.tenantcore.api.ordering.coupon.CouponTerms;
import dev.tenantcore.command.common.TestTransactions;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Coupons} on maps, standing in for {@code coupon_codes} and {@code coupon_redemptions} in
 * aggregate tests. Rows belong to the tenant bound in {@link TenantContext}; what a failed command
 * changed is undone, as its rolled-back transaction would undo it. The clock is the test's.
 */
public final class InMemoryCoupons implements Coupons {

    public record Row(TenantId tenant, CouponId id, String code, CouponTerms terms, boolean archived) {}

    private record Use(TenantId tenant, CouponId coupon, UserId customer) {}

    private final Map<CouponId, Row> rows = new HashMap<>();
    private final Map<OrderId, Use> uses = new HashMap<>();
    private Instant now = Instant.parse("2026-06-01T12:00:00Z");

    public InMemoryCoupons at(Instant instant) {
        now = instant;
        return this;
    }

    /** A coupon of {@code tenant} that earlier commands created. */
    public InMemoryCoupons given(TenantId tenant, CouponId id, String code, CouponTerms terms, boolean archived) {
        rows.put(id, new Row(tenant, id, code, terms, archived));
        return this;
    }

    /** A use held by {@code order} before the test. */
    public InMemoryCoupons used(TenantId tenant, CouponId coupon, UserId customer, OrderId order) {
        uses.put(order, new Use(tenant, coupon, customer));
        return this;
    }

    public Optional<Row> row(CouponId id) {
        return Optional.ofNullable(rows.get(id));
    }

    public long usesOf(CouponId coupon) {
        return uses.values().stream().filter(u -> u.coupon().equals(coupon)).count();
    }

    public boolean holds(OrderId order) {
        return uses.containsKey(order);
    }

    @Override
    public void created(CouponId coupon, String code, CouponTerms terms) {
        TenantId tenant = tenant();
        if (rows.values().stream()
                .anyMatch(r -> r.tenant().equals(tenant) && r.code().equals(code))) {
            throw new DomainException(ErrorCode.COUPON_CODE_TAKEN, "taken");
        }
        put(coupon, new Row(tenant, coupon, code, terms, false));
    }

    @Override
    public void updated(CouponId coupon, CouponTerms terms) {
        Row row = rows.get(coupon);
        if (row == null) {
            return; // as an UPDATE of no row
        }
        put(coupon, new Row(row.tenant(), coupon, row.code(), terms, row.archived()));
    }

    @Override
    public void archived(CouponId coupon) {
        Row row = rows.get(coupon);
        if (row == null) {
            return;
        }
        put(coupon, new Row(row.tenant(), coupon, row.code(), row.terms(), true));
    }

    @Override
    public Redemption redeem(String code, UserId customer, OrderId order, Money subtotal) {
        TenantId tenant = tenant();
        String normalized = code.trim().toUpperCase(Locale.ROOT);
        Row row = rows.values().stream()
                .filter(r -> r.tenant().equals(tenant) && r.code().equals(normalized))
                .findFirst()
                .orElseThrow(RedemptionPolicy::unknown);
        int used = (int) usesOf(row.id());
        int byCustomer = (int) uses.values().stream()
                .filter(u -> u.coupon().equals(row.id()) && u.customer().equals(customer))
                .count();
        RedemptionPolicy.check(row.terms(), row.archived(), used, byCustomer, subtotal, now);
        uses.put(order, new Use(tenant, row.id(), customer));
        TestTransactions.onRollback(() -> uses.remove(order));
        return new Redemption(row.id(), row.code(), row.terms());
    }

    @Override
    public void release(OrderId order) {
        Use use = uses.get(order);
        if (use != null && use.tenant().equals(tenant())) {
            uses.remove(order);
            TestTransactions.onRollback(() -> uses.put(order, use));
        }
    }

    private void put(CouponId id, Row row) {
        Row before = rows.put(id, row);
        TestTransactions.onRollback(() -> {
            if (before == null) {
                rows.remove(id);
            } else {
                rows.put(id, before);
            }
        });
    }

    private static TenantId tenant() {
        return TenantContext.current().orElseThrow();
    }
}
