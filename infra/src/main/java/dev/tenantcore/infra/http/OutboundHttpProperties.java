package dev.tenantcore.infra.http;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Defaults for every outbound HTTP call, under {@code app.outbound-http}. A caller may ask for
 * tighter limits (domain verification reads 4 KB within 3 s), never for a way around the address
 * guard: {@code allow-private-addresses} is for tests that stand a stub on 127.0.0.1 and is off
 * unless set.
 */
@ConfigurationProperties("app.outbound-http")
public class OutboundHttpProperties {

    private Duration dnsTimeout = Duration.ofSeconds(2);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(20);
    private Duration totalTimeout = Duration.ofSeconds(30);
    private int maxResponseBytes = 1024 * 1024;
    private boolean allowPrivateAddresses;

    public Duration getDnsTimeout() {
        return dnsTimeout;
    }

    public void setDnsTimeout(Duration dnsTimeout) {
        this.dnsTimeout = dnsTimeout;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    public Duration getTotalTimeout() {
        return totalTimeout;
    }

    public void setTotalTimeout(Duration totalTimeout) {
        this.totalTimeout = totalTimeout;
    }

    public int getMaxResponseBytes() {
        return maxResponseBytes;
    }

    public void setMaxResponseBytes(int maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
    }

    public boolean isAllowPrivateAddresses() {
        return allowPrivateAddresses;
    }

    public void setAllowPrivateAddresses(boolean allowPrivateAddresses) {
        this.allowPrivateAddresses = allowPrivateAddresses;
    }
}
