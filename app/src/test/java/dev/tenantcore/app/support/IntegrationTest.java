package dev.tenantcore.app.support;

import dev.tenantcore.app.TenantcoreApplication;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a random port, on a real embedded PostgreSQL that lives as long as the
 * test JVM. All integration tests share one context, so each creates its own tenants. The context
 * watches which passwords get hashed ({@link PasswordHashes}). Tracing and metrics run as in
 * production (Spring Boot's tests would otherwise replace trace propagation with a no-op).
 */
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = TenantcoreApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@AutoConfigureObservability
@Import(PasswordHashes.class)
public @interface IntegrationTest {}
