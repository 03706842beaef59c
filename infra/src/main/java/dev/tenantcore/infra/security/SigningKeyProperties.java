package dev.tenantcore.infra.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How often each node reads the signing keys again, so it sees another node's rotation. */
@ConfigurationProperties("app.security.signing-keys")
record SigningKeyProperties(@DefaultValue("PT30S") Duration refresh) {}
