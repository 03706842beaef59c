package dev.tenantcore.infra.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Token settings; see the configuration table in the README. */
@ConfigurationProperties("app.security")
public record SecurityProperties(
        @DefaultValue("tenantcore") String issuer,
        @DefaultValue("tenantcore-api") String audience,
        @DefaultValue("PT15M") Duration accessTokenTtl,
        @DefaultValue("P7D") Duration refreshTokenTtl) {}
