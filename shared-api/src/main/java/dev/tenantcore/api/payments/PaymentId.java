package dev.tenantcore.api.payments;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.tenantcore.api.ordering.OrderId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/** Identifies a payment of one tenant. */
public record PaymentId(@JsonValue UUID value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public PaymentId {
        Objects.requireNonNull(value, "PaymentId value");
    }

    public static PaymentId random() {
        return new PaymentId(UUID.randomUUID());
    }

    /**
     * The payment the saga opens when {@code order} is placed: derived from the order, so an order
     * event delivered twice cannot open two payments.
     */
    public static PaymentId firstFor(OrderId order) {
        return new PaymentId(UUID.nameUUIDFromBytes(("payment:" + order).getBytes(StandardCharsets.UTF_8)));
    }

    /** Axon routes commands by this string, so it must be the bare UUID. */
    @Override
    public String toString() {
        return value.toString();
    }
}
