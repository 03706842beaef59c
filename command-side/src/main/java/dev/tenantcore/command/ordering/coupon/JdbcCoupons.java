package dev.tenantcore.command.ordering.coupon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.ordering.coupon.CouponId;
import dev.tenantcore.api.ordering.coupon.CouponTerms;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link Coupons} on the row-level-secured {@code coupon_codes} and {@code coupon_redemptions}. */
@Component
class JdbcCoupons implements Coupons {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    JdbcCoupons(JdbcTemplate jdbc, ObjectMapper json, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** The unique constraint decides between two coupons created with one code at the same moment. */
    @Override
    public void created(CouponId coupon, String code, CouponTerms terms) {
        int inserted = jdbc.update("""
                INSERT INTO coupon_codes (tenant_id, id, code, terms)
                VALUES (app_current_tenant(), ?, ?, CAST(? AS jsonb))
                ON CONFLICT (tenant_id, code) DO NOTHING
                """, coupon.value(), code, write(terms));
        if (inserted == 0) {
            throw new DomainException(ErrorCode.COUPON_CODE_TAKEN, "The shop has a coupon '" + code + "' already.");
        }
    }

    @Override
    public void updated(CouponId coupon, CouponTerms terms) {
        jdbc.update("UPDATE coupon_codes SET terms = CAST(? AS jsonb) WHERE id = ?", write(terms), coupon.value());
    }

    @Override
    public void archived(CouponId coupon) {
        jdbc.update("UPDATE coupon_codes SET archived = TRUE WHERE id = ?", coupon.value());
    }

    private record Row(UUID id, String code, CouponTerms terms, boolean archived, int used) {}

    /**
     * The row lock taken by {@code FOR UPDATE} makes concurrent redemptions of one coupon wait for
     * each other; each then reads the use count and the customer's uses as the one before it
     * committed them (read committed takes a fresh snapshot per statement). Orders lock their stock
     * rows before the coupon's, as cancellations release them, so the two never deadlock.
     */
    @Override
    public Redemption redeem(String code, UserId customer, OrderId order, Money subtotal) {
        List<Row> rows = jdbc.query(
                "SELECT id, code, terms, archived, used FROM coupon_codes WHERE code = ? FOR UPDATE",
                (rs, n) -> new Row(
                        rs.getObject("id", UUID.class),
                        rs.getString("code"),
                        read(rs.getString("terms")),
                        rs.getBoolean("archived"),
                        rs.getInt("used")),
                normalized(code));
        if (rows.isEmpty()) {
            throw RedemptionPolicy.unknown();
        }
        Row row = rows.get(0);
        int usedByCustomer = row.terms().perCustomerLimit() == null
                ? 0
                : jdbc.queryForObject(
                        "SELECT count(*) FROM coupon_redemptions WHERE coupon_id = ? AND customer_id = ?",
                        Integer.class,
                        row.id(),
                        customer.value());
        RedemptionPolicy.check(row.terms(), row.archived(), row.used(), usedByCustomer, subtotal, clock.instant());
        jdbc.update("UPDATE coupon_codes SET used = used + 1 WHERE id = ?", row.id());
        jdbc.update("""
                INSERT INTO coupon_redemptions (tenant_id, order_id, coupon_id, customer_id)
                VALUES (app_current_tenant(), ?, ?, ?)
                """, order.value(), row.id(), customer.value());
        return new Redemption(new CouponId(row.id()), row.code(), row.terms());
    }

    @Override
    public void release(OrderId order) {
        List<UUID> coupon = jdbc.queryForList(
                "DELETE FROM coupon_redemptions WHERE order_id = ? RETURNING coupon_id", UUID.class, order.value());
        for (UUID id : coupon) {
            jdbc.update("UPDATE coupon_codes SET used = used - 1 WHERE id = ? AND used > 0", id);
        }
    }

    static String normalized(String code) {
        return code.trim().toUpperCase(Locale.ROOT);
    }

    private String write(CouponTerms terms) {
        try {
            return json.writeValueAsString(terms);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a coupon's terms", e);
        }
    }

    private CouponTerms read(String text) {
        try {
            return json.readValue(text, CouponTerms.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a coupon's terms", e);
        }
    }
}
