package dev.tenantcore.command.ordering.coupon;

import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.ordering.coupon.ArchiveCouponCommand;
import dev.tenantcore.api.ordering.coupon.CouponId;
import dev.tenantcore.api.ordering.coupon.CouponResponse;
import dev.tenantcore.api.ordering.coupon.CouponTerms;
import dev.tenantcore.api.ordering.coupon.CreateCouponCommand;
import dev.tenantcore.api.ordering.coupon.DiscountKind;
import dev.tenantcore.api.ordering.coupon.FindCouponQuery;
import dev.tenantcore.api.ordering.coupon.UpdateCouponCommand;
import dev.tenantcore.command.common.CommandHeaders;
import dev.tenantcore.command.common.CommandResource;
import dev.tenantcore.command.common.CommandResponses;
import dev.tenantcore.infra.web.CommandEndpoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The shop's coupon codes, written by owners and managers. */
@CommandEndpoint(representation = CouponResponse.class)
@RestController
@RequestMapping("/api/v1/coupons")
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
class CouponCommandController {

    private final CommandResource<CouponId, CouponResponse> coupons;

    CouponCommandController(CommandResponses responses) {
        this.coupons = responses.resource(
                "/api/v1/coupons", CouponId::new, FindCouponQuery::new, CouponResponse.class, CouponResponse::version);
    }

    record AmountRequest(
            @NotNull @PositiveOrZero @Max(CouponRules.MAX_AMOUNT_MINOR)
            Long amountMinor,

            @NotNull @Pattern(regexp = "[A-Z]{3}") String currency) {
        Money toMoney() {
            return Money.of(amountMinor, currency);
        }
    }

    /** The terms as a request carries them; the aggregate checks how they fit together. */
    record TermsRequest(
            @NotNull DiscountKind kind,
            @Min(1) @Max(10_000) Integer percentBasisPoints,
            @Valid AmountRequest amount,
            Instant startsAt,
            Instant endsAt,
            @Min(1) @Max(CouponRules.MAX_USES) Integer usageLimit,
            @Min(1) @Max(CouponRules.MAX_USES) Integer perCustomerLimit,
            @Valid AmountRequest minimumSubtotal) {
        CouponTerms toTerms() {
            return new CouponTerms(
                    kind,
                    percentBasisPoints,
                    amount == null ? null : amount.toMoney(),
                    startsAt,
                    endsAt,
                    usageLimit,
                    perCustomerLimit,
                    minimumSubtotal == null ? null : minimumSubtotal.toMoney());
        }
    }

    record CreateCouponRequest(
            @NotNull @Pattern(regexp = CouponRules.CODE_PATTERN)
            String code,

            @NotNull DiscountKind kind,
            @Min(1) @Max(10_000) Integer percentBasisPoints,
            @Valid AmountRequest amount,
            Instant startsAt,
            Instant endsAt,
            @Min(1) @Max(CouponRules.MAX_USES) Integer usageLimit,
            @Min(1) @Max(CouponRules.MAX_USES) Integer perCustomerLimit,
            @Valid AmountRequest minimumSubtotal) {
        CouponTerms toTerms() {
            return new TermsRequest(
                            kind,
                            percentBasisPoints,
                            amount,
                            startsAt,
                            endsAt,
                            usageLimit,
                            perCustomerLimit,
                            minimumSubtotal)
                    .toTerms();
        }
    }

    @CommandEndpoint(representation = CouponResponse.class, creates = true)
    @PostMapping
    public ResponseEntity<Object> create(@Valid @RequestBody CreateCouponRequest body, CommandHeaders headers) {
        CouponId id = CouponId.random();
        return coupons.create(id, new CreateCouponCommand(id, body.code(), body.toTerms()), headers);
    }

    /** Replaces the terms (all of them: an omitted limit, window end or minimum means none); the code stays. */
    @PutMapping("/{id}")
    public ResponseEntity<Object> update(
            @PathVariable UUID id, @Valid @RequestBody TermsRequest body, CommandHeaders headers) {
        return coupons.transition(
                id, headers, (coupon, expected) -> new UpdateCouponCommand(coupon, expected, body.toTerms()));
    }

    /** Orders can no longer use the code; orders placed with it keep their discount. */
    @PostMapping("/{id}/archive")
    public ResponseEntity<Object> archive(@PathVariable UUID id, CommandHeaders headers) {
        return coupons.transition(id, headers, ArchiveCouponCommand::new);
    }
}
