package dev.tenantcore.query.ordering.coupon;

import dev.tenantcore.api.ordering.coupon.CheckCouponQuery;
import dev.tenantcore.api.ordering.coupon.CouponArchivedEvent;
import dev.tenantcore.api.ordering.coupon.CouponCheck;
import dev.tenantcore.api.ordering.coupon.CouponCreatedEvent;
import dev.tenantcore.api.ordering.coupon.CouponId;
import dev.tenantcore.api.ordering.coupon.CouponPage;
import dev.tenantcore.api.ordering.coupon.CouponResponse;
import dev.tenantcore.api.ordering.coupon.CouponStatus;
import dev.tenantcore.api.ordering.coupon.CouponTerms;
import dev.tenantcore.api.ordering.coupon.CouponUpdatedEvent;
import dev.tenantcore.api.ordering.coupon.FindCouponQuery;
import dev.tenantcore.api.ordering.coupon.ListCouponsQuery;
import dev.tenantcore.query.support.KeysetPage;
import dev.tenantcore.query.support.PageCursor;
import dev.tenantcore.query.support.ReadModel;
import dev.tenantcore.query.support.ReadTable;
import dev.tenantcore.query.support.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Keeps {@code coupons}, the shop's coupons as staff see them, and answers their queries. */
@Component
@ProcessingGroup("orders")
class CouponProjection {

    private static final String TABLE = "coupons";
    private static final String COLUMNS = "id, code, status, terms, version, created_at, updated_at";

    private final ReadModel store;
    private final ReadTable<CouponId> coupons;

    CouponProjection(ReadModel store) {
        this.store = store;
        this.coupons = store.table(
                TABLE,
                CouponId::value,
                (id, changed) -> store.publishIf(
                        changed,
                        FindCouponQuery.class,
                        () -> handle(new FindCouponQuery(id)),
                        (q, row) -> id.equals(q.couponId())));
    }

    @EventHandler
    void on(CouponCreatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        coupons.insert(event.tenantId(), event.couponId())
                .value("code", event.code())
                .value("status", CouponStatus.ACTIVE.wireName())
                .json("terms", event.terms())
                .apply(sequence, at);
    }

    @EventHandler
    void on(CouponUpdatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        coupons.update(event.couponId()).json("terms", event.terms()).apply(sequence, at);
    }

    @EventHandler
    void on(CouponArchivedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        coupons.update(event.couponId())
                .set("status", CouponStatus.ARCHIVED.wireName())
                .apply(sequence, at);
    }

    @ResetHandler
    void reset() {
        store.reset(TABLE);
    }

    @QueryHandler
    CouponResponse handle(FindCouponQuery query) {
        return store.findOne(
                "SELECT " + COLUMNS + " FROM coupons WHERE id = ?",
                this::toResponse,
                query.couponId().value());
    }

    @QueryHandler
    CouponPage handle(ListCouponsQuery query) {
        KeysetPage<CouponResponse> page = KeysetPage.select("SELECT " + COLUMNS + " FROM coupons", this::toResponse)
                .whereGiven("status = ?", query.status(), CouponStatus::wireName)
                .newestFirst()
                .page(store.jdbc(), query.limit(), query.cursor(), c -> new PageCursor(c.createdAt(), c.id().value()));
        return new CouponPage(page.items(), page.nextCursor());
    }

    /**
     * An active coupon whose window is open at the query's moment is valid; anything else, a code
     * that does not exist included, is invalid in the same words.
     */
    @QueryHandler
    CouponCheck handle(CheckCouponQuery query) {
        CouponTerms terms = store.findOne(
                "SELECT terms FROM coupons WHERE code = ? AND status = ?",
                (rs, row) -> store.json().read(rs, "terms", CouponTerms.class),
                query.code().trim().toUpperCase(Locale.ROOT),
                CouponStatus.ACTIVE.wireName());
        if (terms == null || !terms.startedBy(query.at()) || terms.endedBy(query.at())) {
            return CouponCheck.invalid();
        }
        return CouponCheck.valid(CouponResponse.of(null, null, CouponStatus.ACTIVE, terms, 0, null, null));
    }

    private CouponResponse toResponse(ResultSet rs, int row) throws SQLException {
        return CouponResponse.of(
                new CouponId(rs.getObject("id", UUID.class)),
                rs.getString("code"),
                CouponStatus.fromWireName(rs.getString("status")),
                store.json().read(rs, "terms", CouponTerms.class),
                rs.getLong("version"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}
