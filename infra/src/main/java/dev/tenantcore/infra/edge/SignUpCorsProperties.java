package dev.tenantcore.infra.edge;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code app.signup.allowed-origins}: the origins of the platform's own site (its marketing and
 * sign-up pages) whose browsers may call the anonymous sign-up routes. Exact origins, scheme and
 * port included ({@code https://www.example.com}); empty, no browser page may call them.
 */
@ConfigurationProperties("app.signup")
public class SignUpCorsProperties {

    private List<String> allowedOrigins = new ArrayList<>();

    public List<String> getAllowedOrigins() {
        return allowedOrigins;
    }

    public void setAllowedOrigins(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }
}
