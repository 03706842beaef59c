package dev.tenantcore.command.automations.webhooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Outbound webhook settings, under {@code app.webhooks}. The retry schedule is the wait before each
 * attempt after the first: with the default a message is tried 12 times over about three days and
 * then given up. Tests shrink it.
 */
@ConfigurationProperties("app.webhooks")
public class WebhookProperties {

    private List<Duration> retrySchedule = new ArrayList<>(List.of(
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(10),
            Duration.ofHours(10),
            Duration.ofHours(10),
            Duration.ofHours(10),
            Duration.ofHours(10)));
    private Duration timeout = Duration.ofSeconds(10);
    private int endpointConcurrency = 2;
    private Duration busyRetry = Duration.ofSeconds(1);
    private Duration secretOverlap = Duration.ofHours(24);
    private Duration disableAfter = Duration.ofDays(5);
    private int replayLimit = 10_000;

    public List<Duration> getRetrySchedule() {
        return retrySchedule;
    }

    public void setRetrySchedule(List<Duration> retrySchedule) {
        this.retrySchedule = retrySchedule;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public int getEndpointConcurrency() {
        return endpointConcurrency;
    }

    public void setEndpointConcurrency(int endpointConcurrency) {
        this.endpointConcurrency = endpointConcurrency;
    }

    public Duration getBusyRetry() {
        return busyRetry;
    }

    public void setBusyRetry(Duration busyRetry) {
        this.busyRetry = busyRetry;
    }

    public Duration getSecretOverlap() {
        return secretOverlap;
    }

    public void setSecretOverlap(Duration secretOverlap) {
        this.secretOverlap = secretOverlap;
    }

    public Duration getDisableAfter() {
        return disableAfter;
    }

    public void setDisableAfter(Duration disableAfter) {
        this.disableAfter = disableAfter;
    }

    public int getReplayLimit() {
        return replayLimit;
    }

    public void setReplayLimit(int replayLimit) {
        this.replayLimit = replayLimit;
    }
}
