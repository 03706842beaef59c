package dev.tenantcore.query.ordering.coupon;

import dev.tenantcore.api.ordering.coupon.CheckCouponQuery;
import dev.tenantcore.api.ordering.coupon.CouponCheck;
import dev.tenantcore.query.support.ReadQueries;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A storefront checks a code its visitor typed, for the tenant the request's domain resolves to:
 * valid or not, and what it takes off. The answer is a preview from the read model; the order
 * decides, limits included, when it is placed. A POST, so codes stay out of URLs and logs, and
 * limited per address at the edge ({@code coupon-checks}) so codes cannot be guessed in bulk.
 */
@RestController
@RequestMapping("/api/v1/public/coupons")
class PublicCouponController {

    private final ReadQueries queries;
    private final Clock clock;

    PublicCouponController(ReadQueries queries, ObjectProvider<Clock> clock) {
        this.queries = queries;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    record CheckRequest(@NotBlank @Size(max = 40) String code) {}

    @PostMapping("/check")
    public CouponCheck check(@Valid @RequestBody CheckRequest body) {
        return queries.one(new CheckCouponQuery(body.code(), clock.instant()), CouponCheck.class);
    }
}
