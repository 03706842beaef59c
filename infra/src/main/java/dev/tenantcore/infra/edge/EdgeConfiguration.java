package dev.tenantcore.infra.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.infra.tenancy.TenantDirectory;
import dev.tenantcore.infra.web.PlainRequestFilter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;

/**
 * Wires the edge: the bucket store on PostgreSQL, the rate limit filter (which Spring Security
 * runs inside its chain) and the CORS policy, applied before any filter that may answer.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RateLimitProperties.class, SignUpCorsProperties.class})
public class EdgeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EdgeConfiguration.class);
    private static final int PURGE_BATCH = 1000;

    /**
     * {@code SELECT ... FOR UPDATE} on the bucket's row, through the application's pool and role:
     * buckets are platform data, outside row-level security. A row expires one minute after its
     * bucket would be full again, and {@link BucketPurge} removes it.
     */
    @Bean
    PostgreSQLSelectForUpdateBasedProxyManager<String> rateLimitBuckets(DataSource dataSource) {
        return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_buckets")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build();
    }

    @Bean
    RateLimitFilter rateLimitFilter(
            RateLimitProperties properties,
            PostgreSQLSelectForUpdateBasedProxyManager<String> rateLimitBuckets,
            ObjectMapper json) {
        return new RateLimitFilter(properties, rateLimitBuckets, json);
    }

    /** The filter runs inside the security chain only, after authentication; not a second time as a servlet filter. */
    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilterOnlyInSecurityChain(RateLimitFilter rateLimitFilter) {
        FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(rateLimitFilter);
        registration.setEnabled(false);
        return registration;
    }

    /**
     * Hardening headers on every answer. Spring Security writes the same ones for what passes its
     * filter chain, but tenant resolution and the body size limit answer before that chain runs;
     * this filter, first of all, covers them too. Whichever writes first wins: the writers leave a
     * header that is already set alone. HSTS only for requests that arrived over HTTPS.
     */
    @Bean
    FilterRegistrationBean<HeaderWriterFilter> securityHeaders() {
        HeaderWriterFilter filter = new HeaderWriterFilter(List.of(
                new XContentTypeOptionsHeaderWriter(),
                new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY),
                new ReferrerPolicyHeaderWriter(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER),
                new HstsHeaderWriter(),
                // JSON never needs to load anything; Swagger UI, outside /api, does.
                new DelegatingRequestMatcherHeaderWriter(
                        request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/"),
                        new StaticHeadersWriter(
                                "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"))));
        FilterRegistrationBean<HeaderWriterFilter> registration = new FilterRegistrationBean<>(filter);
        // Its own name, so the chain's HeaderWriterFilter (cache control) does not count as already run.
        registration.setName("edgeSecurityHeaders");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    TenantCorsPolicy corsConfigurationSource(TenantDirectory directory, SignUpCorsProperties signUp) {
        return new TenantCorsPolicy(directory, signUp.getAllowedOrigins());
    }

    /**
     * CORS before the first filter that may refuse a request ({@link PlainRequestFilter}), so every
     * refusal to a tenant's domain is readable by the tenant's frontend; the security chain applies
     * no CORS of its own.
     */
    @Bean
    FilterRegistrationBean<EdgeCorsFilter> edgeCors(TenantCorsPolicy corsConfigurationSource, ObjectMapper json) {
        FilterRegistrationBean<EdgeCorsFilter> registration =
                new FilterRegistrationBean<>(new EdgeCorsFilter(corsConfigurationSource, json));
        registration.setOrder(PlainRequestFilter.ORDER - 1);
        return registration;
    }

    @Bean
    BucketPurge rateLimitBucketPurge(PostgreSQLSelectForUpdateBasedProxyManager<String> rateLimitBuckets) {
        return new BucketPurge(rateLimitBuckets);
    }

    /** Deletes buckets nobody used since they filled up again, in batches that never lock the table for long. */
    static final class BucketPurge {
        private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

        BucketPurge(PostgreSQLSelectForUpdateBasedProxyManager<String> buckets) {
            this.buckets = buckets;
        }

        @Scheduled(
                fixedDelayString = "${app.rate-limits.purge-interval:PT5M}",
                initialDelayString = "${app.rate-limits.purge-interval:PT5M}")
        void purgeExpiredBuckets() {
            try {
                int removed;
                do {
                    removed = buckets.removeExpired(PURGE_BATCH);
                } while (removed == PURGE_BATCH);
            } catch (RuntimeException e) {
                log.warn("could not purge expired rate limit buckets; retrying later", e);
            }
        }
    }
}
