package dev.tenantcore.command.tenancy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * {@code app.signup.*}: the platform's base domain, under which every signed-up tenant gets
 * {@code <slug>.<base domain>}, how long a verification token and a trial last, how long a sign-up
 * may stay unverified, how often ended trials and expired sign-ups are looked for, and the link that
 * the verification mail carries.
 */
@Component
@Validated
@ConfigurationProperties("app.signup")
class SignUpSettings {

    @NotBlank
    @Pattern(regexp = "^(?=.{1,190}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$")
    private String baseDomain = "localhost";

    @NotNull
    private Duration trialLength = Duration.ofDays(14);

    @NotNull
    private Duration verificationTtl = Duration.ofHours(48);

    @NotNull
    private Duration trialSweepInterval = Duration.ofMinutes(10);

    /**
     * How long a sign-up may stay unverified before it expires and gives back its slug, domain and
     * address. A sign-up whose latest (resent) token still runs waits for that token.
     */
    @NotNull
    private Duration verificationWindow = Duration.ofDays(7);

    @NotNull
    private Duration expirySweepInterval = Duration.ofMinutes(10);

    /**
     * The page of the platform's own site where an owner confirms their address: it posts the
     * token to {@code /api/v1/signup/verification}. {@code {domain}} is the new tenant's domain.
     */
    @NotBlank
    @Pattern(regexp = "^https?://.*\\{token}.*$")
    private String verificationUrl = "https://{domain}/signup/verify?token={token}";

    /** The link mailed to a new owner; the token is URL-safe (hex and a dot). */
    String verificationLink(String domain, String token) {
        return verificationUrl.replace("{domain}", domain).replace("{token}", token);
    }

    public String getVerificationUrl() {
        return verificationUrl;
    }

    public void setVerificationUrl(String verificationUrl) {
        this.verificationUrl = verificationUrl;
    }

    String domainFor(String slug) {
        return slug + "." + baseDomain;
    }

    /** The base domain itself or any name under it. */
    boolean isPlatformName(String domain) {
        String name = domain == null ? "" : domain.toLowerCase(Locale.ROOT);
        return name.equals(baseDomain) || name.endsWith("." + baseDomain);
    }

    public String getBaseDomain() {
        return baseDomain;
    }

    public void setBaseDomain(String baseDomain) {
        this.baseDomain = baseDomain;
    }

    public Duration getTrialLength() {
        return trialLength;
    }

    public void setTrialLength(Duration trialLength) {
        this.trialLength = trialLength;
    }

    public Duration getVerificationTtl() {
        return verificationTtl;
    }

    public void setVerificationTtl(Duration verificationTtl) {
        this.verificationTtl = verificationTtl;
    }

    public Duration getVerificationWindow() {
        return verificationWindow;
    }

    public void setVerificationWindow(Duration verificationWindow) {
        this.verificationWindow = verificationWindow;
    }

    public Duration getExpirySweepInterval() {
        return expirySweepInterval;
    }

    public void setExpirySweepInterval(Duration expirySweepInterval) {
        this.expirySweepInterval = expirySweepInterval;
    }

    public Duration getTrialSweepInterval() {
        return trialSweepInterval;
    }

    public void setTrialSweepInterval(Duration trialSweepInterval) {
        this.trialSweepInterval = trialSweepInterval;
    }
}
