package dev.tenantcore.infra.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.infra.edge.RateLimitFilter;
import dev.tenantcore.infra.web.Problems;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Stateless bearer-token security. Every token is checked for signature (RS256 only, with our own
 * keys), issuer, audience, expiry and revocation; its tenant must then match the request's tenant.
 * A {@code tck_} API key instead is looked up among the request tenant's keys. Inside the chain,
 * the rate limit counts each request once it knows who sent it; CORS is applied at the edge, before
 * the chain. The Prometheus endpoint has a chain of its own, which also takes the scrape user's HTTP
 * Basic credentials ({@link #metricsScrape}); no other route takes Basic.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties({SecurityProperties.class, SigningKeyProperties.class, MetricsScrapeProperties.class})
public class SecurityConfiguration {

    /** The Prometheus endpoint, the only route that takes HTTP Basic: the scrape user's, besides the admin's token. */
    static final String PROMETHEUS = "/actuator/prometheus";

    /** Reads the platform and any tenant's history and exports it names; never a command. */
    static final String PLATFORM_AUDITOR = "PLATFORM_AUDITOR";

    /**
     * {@link #PROMETHEUS} only, before {@link #api}: a Prometheus server cannot obtain a token, so
     * the scrape user of {@link MetricsScrapeProperties} may read it with HTTP Basic (nothing else:
     * on every other route Basic credentials are no credentials). A platform administrator's token
     * still works. Guesses count against the rate limit before the password is checked.
     */
    @Bean
    @Order(1)
    SecurityFilterChain metricsScrape(
            HttpSecurity http,
            ObjectMapper json,
            TokenTenantFilter tokenTenantFilter,
            JwtDecoder jwtDecoder,
            ApiKeyAuthenticator apiKeys,
            RateLimitFilter rateLimits,
            MetricsScrapeProperties scrape)
            throws Exception {
        http.securityMatcher(PROMETHEUS);
        common(http, json, jwtDecoder, apiKeys)
                .authenticationManager(new ScrapeUser(scrape))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated(json)))
                .authorizeHttpRequests(auth -> auth.anyRequest().hasAnyRole("PLATFORM_ADMIN", ScrapeUser.ROLE))
                .addFilterAfter(tokenTenantFilter, BearerTokenAuthenticationFilter.class)
                .addFilterBefore(rateLimits, BasicAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(
            HttpSecurity http,
            ObjectMapper json,
            TokenTenantFilter tokenTenantFilter,
            JwtDecoder jwtDecoder,
            ApiKeyAuthenticator apiKeys,
            RateLimitFilter rateLimits)
            throws Exception {
        common(http, json, jwtDecoder, apiKeys)
                .authorizeHttpRequests(auth -> {
                    PublicEndpoints.permit(auth);
                    // The platform auditor reads the platform and starts exports of the tenants it
                    // names; every other request there is the administrator's.
                    auth.requestMatchers(HttpMethod.GET, "/api/v1/platform/**")
                            .hasAnyRole("PLATFORM_ADMIN", PLATFORM_AUDITOR)
                            .requestMatchers(HttpMethod.POST, "/api/v1/platform/tenants/*/exports")
                            .hasAnyRole("PLATFORM_ADMIN", PLATFORM_AUDITOR)
                            .requestMatchers("/api/v1/platform/**", "/actuator/**")
                            .hasRole("PLATFORM_ADMIN")
                            .anyRequest()
                            .access(new ReadOnlyAuditors());
                })
                .addFilterAfter(tokenTenantFilter, BearerTokenAuthenticationFilter.class)
                .addFilterBefore(rateLimits, AuthorizationFilter.class);
        return http.build();
    }

    /**
     * Spring Security's firewall with its own rule for header names and values, checked without
     * regular expressions ({@link HeaderText}); everything else as its defaults.
     */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderText::allowedName);
        firewall.setAllowedHeaderValues(HeaderText::allowedValue);
        return firewall;
    }

    /**
     * No observation of the security filters, authentications or authorizations: they are switched
     * off anyway ({@code management.observations.enable.spring.security}), and without this Spring
     * Security still wraps each filter of each request in an observation it then discards.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** What every chain shares: stateless bearer tokens and API keys, headers, problem answers. */
    private static HttpSecurity common(
            HttpSecurity http, ObjectMapper json, JwtDecoder jwtDecoder, ApiKeyAuthenticator apiKeys) throws Exception {
        JwtAuthenticationProvider jwt = new JwtAuthenticationProvider(jwtDecoder);
        jwt.setJwtAuthenticationConverter(SecurityConfiguration::authentication);
        AuthenticationManager bearerTokens = BearerCredentials.manager(apiKeys, jwt);
        return http.csrf(csrf -> csrf.disable())
                // The edge applies CORS before any filter can refuse (EdgeCorsFilter); a second
                // pass here would only find the headers already written.
                .cors(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .headers(h -> h.contentTypeOptions(c -> {})
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true)))
                .oauth2ResourceServer(rs -> rs.bearerTokenResolver(BearerCredentials.resolver())
                        .authenticationManagerResolver(request -> bearerTokens)
                        .authenticationEntryPoint(unauthenticated(json))
                        .accessDeniedHandler(forbidden(json)))
                .exceptionHandling(
                        e -> e.authenticationEntryPoint(unauthenticated(json)).accessDeniedHandler(forbidden(json)));
    }

    private static AuthenticationEntryPoint unauthenticated(ObjectMapper json) {
        return (req, res, e) ->
                Problems.write(res, json, ErrorCode.UNAUTHENTICATED, "A valid access token is required.");
    }

    private static AccessDeniedHandler forbidden(ObjectMapper json) {
        return (req, res, e) -> Problems.write(res, json, ErrorCode.FORBIDDEN, "Your role does not allow this.");
    }

    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, SecurityProperties properties, RevokedSessions revoked) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        // Only RS256: "none", HS256 with the public key as secret, and every other algorithm fail here.
        // Only published keys: a retired key's tokens fail here too.
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys.verificationKeys()));
        NimbusJwtDecoder signatures = new NimbusJwtDecoder(processor);
        // Checked on every use by VerifiedTokens, however often the token's signature was checked.
        signatures.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        // The skew a rotated-out key waits for before it retires (SigningKeys), stated here so the two agree.
        validators.add(JwtValidators.createDefaultWithValidators(
                new JwtIssuerValidator(properties.issuer()), new JwtTimestampValidator(SigningKeys.CLOCK_SKEW)));
        validators.add(new JwtClaimValidator<List<String>>(
                JwtClaimNames.AUD, aud -> aud != null && aud.contains(properties.audience())));
        validators.add(new JwtClaimValidator<String>(TokenService.TENANT_CLAIM, t -> t != null && !t.isBlank()));
        validators.add(jwt -> {
            String sid = jwt.getClaimAsString(TokenService.SESSION_CLAIM);
            boolean ok;
            try {
                ok = sid != null && !revoked.isRevoked(UUID.fromString(sid));
            } catch (IllegalArgumentException e) {
                ok = false;
            }
            return ok
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(
                            new OAuth2Error("invalid_token", "The session has ended.", null));
        });
        return new VerifiedTokens(
                signatures,
                new DelegatingOAuth2TokenValidator<>(validators),
                keys::publishes,
                properties.accessTokenTtl().plus(SigningKeys.CLOCK_SKEW));
    }

    private static AbstractAuthenticationToken authentication(Jwt jwt) {
        Collection<GrantedAuthority> authorities = new ArrayList<>();
        List<String> roles = jwt.getClaimAsStringList(TokenService.ROLES_CLAIM);
        if (roles != null) {
            roles.forEach(
                    r -> authorities.add(new SimpleGrantedAuthority("ROLE_" + r.toUpperCase(java.util.Locale.ROOT))));
        }
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }
}
