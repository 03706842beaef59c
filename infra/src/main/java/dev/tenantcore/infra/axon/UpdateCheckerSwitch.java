package dev.tenantcore.infra.axon;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Axon 4.13 reports usage to its vendor at start unless a JVM system property says otherwise. A
 * product must not phone home (and cannot, on a closed network): the Spring property
 * {@code axoniq.update-checker.disabled}, true by default, is copied to that system property
 * before Axon starts.
 */
public class UpdateCheckerSwitch implements EnvironmentPostProcessor {

    static final String PROPERTY = "axoniq.update-checker.disabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, environment.getProperty(PROPERTY, "true"));
        }
    }
}
