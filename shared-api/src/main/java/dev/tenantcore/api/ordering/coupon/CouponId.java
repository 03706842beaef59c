package dev.tenantcore.api.ordering.coupon;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifies one coupon of a tenant. */
public record CouponId(@JsonValue UUID value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public CouponId {
        Objects.requireNonNull(value, "CouponId value");
    }

    public static CouponId random() {
        return new CouponId(UUID.randomUUID());
    }

    public static CouponId of(String value) {
        return new CouponId(UUID.fromString(value));
    }

    /** Axon routes commands by this string, so it must be the bare UUID. */
    @Override
    public String toString() {
        return value.toString();
    }
}
