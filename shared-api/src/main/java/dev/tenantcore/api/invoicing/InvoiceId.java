package dev.tenantcore.api.invoicing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.tenantcore.api.ordering.OrderId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/** Identifies an invoice or credit note of one tenant. */
public record InvoiceId(@JsonValue UUID value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public InvoiceId {
        Objects.requireNonNull(value, "InvoiceId value");
    }

    public static InvoiceId random() {
        return new InvoiceId(UUID.randomUUID());
    }

    public static InvoiceId of(String value) {
        return new InvoiceId(UUID.fromString(value));
    }

    /** The one invoice of a paid order: derived from the order, so a redelivered event cannot make two. */
    public static InvoiceId forOrder(OrderId order) {
        return derived("invoice:" + order);
    }

    /** The one credit note of a refunded order, derived like {@link #forOrder}. */
    public static InvoiceId creditNoteForOrder(OrderId order) {
        return derived("credit-note:" + order);
    }

    private static InvoiceId derived(String name) {
        return new InvoiceId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    /** Axon routes commands by this string, so it must be the bare UUID. */
    @Override
    public String toString() {
        return value.toString();
    }
}
