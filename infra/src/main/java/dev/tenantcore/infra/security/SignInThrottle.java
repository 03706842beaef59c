package dev.tenantcore.infra.security;

import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.infra.web.RetryLaterException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Limits failed sign-ins per account, wherever they come from: the per-address limit of the edge
 * does nothing against guesses spread over many addresses. Each attempt takes one token from the
 * bucket of its tenant and email before any password is hashed, and a successful sign-in gives it
 * back, so only failures count. Two bandwidths make the back-off: a burst of a few failures, then
 * one attempt every few seconds, and after more, one every few minutes.
 *
 * <p>An email without an account is counted exactly like one with an account, so the limit tells
 * nothing about which emails exist. While an account is held back, its right password is refused
 * too: checking it would cost the hash that the limit saves. Buckets live in PostgreSQL with the
 * edge's (bucket4j), shared by every node; their keys carry a SHA-256 of the email, never the email.
 * If the bucket store cannot be reached, sign-in goes on unlimited, as the edge's limits do.
 */
@Component
class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    private final ProxyManager<String> buckets;
    private final SignInProperties.Failures limits;
    private final BucketConfiguration configuration;
    private final String policy;

    SignInThrottle(ProxyManager<String> buckets, SignInProperties properties) {
        this.buckets = buckets;
        this.limits = properties.failures();
        this.configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limits.burst())
                        .refillGreedy(limits.burst(), limits.burstPeriod())
                        .build())
                .addLimit(Bandwidth.builder()
                        .capacity(limits.sustained())
                        .refillGreedy(limits.sustained(), limits.sustainedPeriod())
                        .build())
                .build();
        // Part of every key, so a changed limit starts fresh buckets, as the edge's keys do.
        this.policy =
                limits.burst() + "/" + limits.burstPeriod() + "," + limits.sustained() + "/" + limits.sustainedPeriod();
    }

    /** One sign-in attempt, counted as failed unless it is given back. */
    interface Attempt {

        /** The attempt does not count: it signed in, or no password was checked. */
        void giveBack();
    }

    /**
     * Takes one attempt from {@code email}'s allowance in the current tenant, or refuses with
     * {@code 429 rate_limited} and how long to wait.
     */
    Attempt begin(String email) {
        if (!limits.enabled()) {
            return () -> {};
        }
        Bucket bucket;
        ConsumptionProbe probe;
        try {
            bucket = buckets.builder().build(key(email), () -> configuration);
            probe = bucket.tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            log.warn("sign-in limit store unavailable; letting the attempt through", e);
            return () -> {};
        }
        if (!probe.isConsumed()) {
            Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
            throw new RetryLaterException(
                    ErrorCode.RATE_LIMITED,
                    "Too many failed sign-ins for this account; try again in " + seconds(wait) + ".",
                    wait);
        }
        return () -> {
            try {
                bucket.addTokens(1);
            } catch (RuntimeException e) {
                log.warn("sign-in limit store unavailable; a successful sign-in stays counted", e);
            }
        };
    }

    private String key(String email) {
        TenantId tenant = TenantContext.current().orElse(TenantId.PLATFORM);
        String normalised = email.strip().toLowerCase(Locale.ROOT);
        return "sign-in-failures|" + policy + "|" + tenant + "|" + OpaqueTokens.sha256(normalised);
    }

    private static String seconds(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        return seconds + (seconds == 1 ? " second" : " seconds");
    }
}
