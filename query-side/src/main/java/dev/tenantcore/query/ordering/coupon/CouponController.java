package dev.tenantcore.query.ordering.coupon;

import dev.tenantcore.api.ordering.coupon.CouponId;
import dev.tenantcore.api.ordering.coupon.CouponPage;
import dev.tenantcore.api.ordering.coupon.CouponResponse;
import dev.tenantcore.api.ordering.coupon.CouponStatus;
import dev.tenantcore.api.ordering.coupon.FindCouponQuery;
import dev.tenantcore.api.ordering.coupon.ListCouponsQuery;
import dev.tenantcore.query.support.PageSize;
import dev.tenantcore.query.support.ReadQueries;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff read the shop's coupons; customers never list them (a storefront checks one code at a
 * time, {@link PublicCouponController}).
 *
 * <p>The handler methods are public because method security is enforced by a proxy.
 */
@RestController
@PreAuthorize("hasAnyRole('OWNER','MANAGER','STAFF','AUDITOR')")
@RequestMapping("/api/v1/coupons")
class CouponController {

    private final ReadQueries queries;

    CouponController(ReadQueries queries) {
        this.queries = queries;
    }

    /** Newest first. */
    @GetMapping
    public CouponPage list(
            @RequestParam(required = false) CouponStatus status,
            @RequestParam(defaultValue = "" + PageSize.DEFAULT) @Min(1) @Max(PageSize.MAX) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        return queries.one(new ListCouponsQuery(status, limit, cursor), CouponPage.class);
    }

    @GetMapping("/{id}")
    public ResponseEntity<CouponResponse> get(@PathVariable UUID id) {
        return queries.versioned(
                new FindCouponQuery(new CouponId(id)),
                CouponResponse.class,
                CouponResponse::version,
                "The coupon does not exist.");
    }
}
