package dev.tenantcore.command.common;

import static org.hamcrest.Matchers.equalTo;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import java.util.Map;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;

/** What aggregate tests share: the metadata a command is sent with, and how a refusal is recognised. */
public final class CommandFixtures {

    private CommandFixtures() {}

    /** The metadata of a command sent on behalf of {@code tenant}. */
    public static Map<String, Object> from(TenantId tenant) {
        return Map.of(MetadataKeys.TENANT_ID, tenant.toString());
    }

    /** A {@link DomainException} carrying {@code code}. */
    public static Matcher<DomainException> refusedWith(ErrorCode code) {
        return new FeatureMatcher<>(equalTo(code), "a DomainException with code", "code") {
            @Override
            protected ErrorCode featureValueOf(DomainException actual) {
                return actual.code();
            }
        };
    }
}
