package dev.tenantcore.command.tenancy;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * {@code app.domains.*}: how long a domain check may take and how many run at once, and how long an
 * unverified claim stands. Platform-wide on purpose: an expiry each tenant chose for itself would
 * let a squatter keep a name for good.
 */
@Component
@Validated
@ConfigurationProperties("app.domains")
class DomainSettings {

    /** DNS and fetch together; a check that takes longer fails. */
    @NotNull
    private Duration verificationTimeout = Duration.ofSeconds(10);

    /** Checks running at once on this node; one more is refused at once rather than queued. */
    @Min(1)
    @Max(256)
    private int maxConcurrentVerifications = 8;

    /** How long an unverified claim stands before it lapses (counted from the claim). */
    @NotNull
    private Duration unverifiedClaimTtl = Duration.ofDays(7);

    /** How often lapsed claims are looked for. */
    @NotNull
    private Duration claimSweepInterval = Duration.ofHours(1);

    public Duration getVerificationTimeout() {
        return verificationTimeout;
    }

    public void setVerificationTimeout(Duration verificationTimeout) {
        this.verificationTimeout = verificationTimeout;
    }

    public int getMaxConcurrentVerifications() {
        return maxConcurrentVerifications;
    }

    public void setMaxConcurrentVerifications(int maxConcurrentVerifications) {
        this.maxConcurrentVerifications = maxConcurrentVerifications;
    }

    public Duration getUnverifiedClaimTtl() {
        return unverifiedClaimTtl;
    }

    public void setUnverifiedClaimTtl(Duration unverifiedClaimTtl) {
        this.unverifiedClaimTtl = unverifiedClaimTtl;
    }

    public Duration getClaimSweepInterval() {
        return claimSweepInterval;
    }

    public void setClaimSweepInterval(Duration claimSweepInterval) {
        this.claimSweepInterval = claimSweepInterval;
    }
}
