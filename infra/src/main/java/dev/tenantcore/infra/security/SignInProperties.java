package dev.tenantcore.infra.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How much sign-in may cost; see the sign-in section and the configuration table of the README. */
@ConfigurationProperties("app.security.sign-in")
record SignInProperties(
        @DefaultValue Failures failures, @DefaultValue Hashing hashing) {

    /**
     * Failed sign-ins allowed per account: {@code burst} at once, given back at {@code burst} per
     * {@code burstPeriod}, and no more than {@code sustained} per {@code sustainedPeriod}.
     */
    record Failures(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("5") int burst,
            @DefaultValue("PT1M") Duration burstPeriod,
            @DefaultValue("20") int sustained,
            @DefaultValue("PT1H") Duration sustainedPeriod) {}

    /**
     * Password hashes running at once ({@code maxConcurrent}, 0 for one per available core) and how
     * long a hash waits for its turn before the request is refused as busy.
     */
    record Hashing(
            @DefaultValue("0") int maxConcurrent,
            @DefaultValue("PT1S") Duration maxWait) {

        int limit() {
            return maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors();
        }
    }
}
