package dev.tenantcore.api.crm;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/** Identifies a contact of one tenant. */
public record ContactId(@JsonValue UUID value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ContactId {
        Objects.requireNonNull(value, "ContactId value");
    }

    public static ContactId random() {
        return new ContactId(UUID.randomUUID());
    }

    public static ContactId of(String value) {
        return new ContactId(UUID.fromString(value));
    }

    /**
     * The contact a storefront customer account becomes: derived from the account, so that a
     * redelivered or replayed registration asks to create the same contact again, which is refused.
     */
    public static ContactId forCustomerAccount(UserId account) {
        return derived("customer-account:" + account.value());
    }

    /** The contact an order's buyer without an account becomes, one per e-mail address and tenant. */
    public static ContactId forBuyer(TenantId tenant, String email) {
        return derived("buyer:" + tenant.value() + ":" + email.strip().toLowerCase(Locale.ROOT));
    }

    private static ContactId derived(String name) {
        return new ContactId(UUID.nameUUIDFromBytes(("contact:" + name).getBytes(StandardCharsets.UTF_8)));
    }

    /** Axon routes commands by this string, so it must be the bare UUID. */
    @Override
    public String toString() {
        return value.toString();
    }
}
