package dev.tenantcore.infra.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The one user a Prometheus server scrapes {@code /actuator/prometheus} as, with HTTP Basic, under
 * {@code app.metrics}. There is no default: while either is unset (or blank) the endpoint takes a
 * platform administrator's token only.
 *
 * @param scrapeUser the scrape user's name ({@code APP_METRICS_SCRAPEUSER})
 * @param scrapePassword its password ({@code APP_METRICS_SCRAPEPASSWORD}); from a secret store, never
 *     from a committed file
 */
@ConfigurationProperties("app.metrics")
public record MetricsScrapeProperties(String scrapeUser, String scrapePassword) {

    @Override
    public String toString() {
        return "MetricsScrapeProperties[scrapeUser=" + scrapeUser + ", scrapePassword="
                + (scrapePassword == null ? "null" : "(hidden)") + "]";
    }
}
