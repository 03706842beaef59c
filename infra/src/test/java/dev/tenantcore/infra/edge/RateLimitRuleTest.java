package dev.tenantcore.infra.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.server.PathContainer;

class RateLimitRuleTest {

    private static RateLimitProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bind("app.rate-limits", RateLimitProperties.class)
                .orElseGet(RateLimitProperties::new);
    }

    private static List<RateLimitRule> rules(RateLimitProperties properties) {
        return properties.inMatchingOrder().entrySet().stream()
                .map(e -> RateLimitRule.of(e.getKey(), e.getValue()))
                .toList();
    }

    private static Optional<RateLimitRule> match(List<RateLimitRule> rules, String method, String path) {
        return rules.stream()
                .filter(r -> r.matches(method, PathContainer.parsePath(path)))
                .findFirst();
    }

    @Test
    @DisplayName(
            "without configuration the limits are those of the product: login 100/min, register 3/h, reset 5/h, forms 10/min, domains 5/h, orders 30/min, webhooks 300/min per endpoint, metrics 60/min, 100 per 60 s")
    void defaults() {
        List<RateLimitRule> rules = rules(bind(Map.of()));

        assertThat(match(rules, "POST", "/api/v1/auth/login")).get().satisfies(r -> {
            assertThat(r.name()).isEqualTo("login");
            assertThat(r.policy()).isEqualTo("100;w=60");
            assertThat(r.key()).isEqualTo(RateLimitProperties.KeyBy.IP);
        });
        assertThat(match(rules, "POST", "/api/v1/auth/refresh").get().policy()).isEqualTo("20;w=60");
        assertThat(match(rules, "POST", "/api/v1/auth/register").get().policy()).isEqualTo("3;w=3600");
        assertThat(match(rules, "POST", "/api/v1/auth/password-reset/confirm")
                        .get()
                        .policy())
                .isEqualTo("5;w=3600");
        assertThat(match(rules, "POST", "/api/v1/public/forms/contact").get().policy())
                .isEqualTo("10;w=60");
        assertThat(match(rules, "POST", "/api/v1/tenant/domains").get().policy())
                .isEqualTo("5;w=3600");
        assertThat(match(rules, "POST", "/api/v1/orders")).get().satisfies(r -> {
            assertThat(r.policy()).isEqualTo("30;w=60");
            assertThat(r.key()).isEqualTo(RateLimitProperties.KeyBy.CLIENT);
        });
        assertThat(match(rules, "POST", "/api/v1/webhooks/stripe/abc123")).get().satisfies(r -> {
            assertThat(r.name()).isEqualTo("webhooks");
            assertThat(r.policy()).isEqualTo("300;w=60");
            assertThat(r.key()).isEqualTo(RateLimitProperties.KeyBy.PATH);
        });
        assertThat(match(rules, "GET", "/api/v1/orders")).get().satisfies(r -> {
            assertThat(r.name()).isEqualTo("default");
            assertThat(r.policy()).isEqualTo("100;w=60");
            assertThat(r.key()).isEqualTo(RateLimitProperties.KeyBy.CLIENT);
        });
        assertThat(match(rules, "GET", "/api/v1/auth/login").get().name()).isEqualTo("default");
        assertThat(match(rules, "GET", "/actuator/prometheus")).get().satisfies(r -> {
            assertThat(r.name()).isEqualTo("metrics");
            assertThat(r.policy()).isEqualTo("60;w=60");
            assertThat(r.key()).isEqualTo(RateLimitProperties.KeyBy.IP);
        });
        assertThat(match(rules, "GET", "/actuator/health")).isEmpty();
        assertThat(match(rules, "GET", "/.well-known/jwks.json")).isEmpty();
    }

    @Test
    @DisplayName("each group is tuned field by field, and extra groups are matched before the built-in ones")
    void overrides() {
        RateLimitProperties properties = bind(Map.of(
                "app.rate-limits.login.limit", "5",
                "app.rate-limits.default.period", "PT1H",
                "app.rate-limits.groups.exports.routes[0]", "GET /api/v1/exports/**",
                "app.rate-limits.groups.exports.limit", "2",
                "app.rate-limits.groups.exports.period", "PT24H",
                "app.rate-limits.groups.exports.key", "ip",
                "app.rate-limits.groups.slow-login.routes[0]", "POST /api/v1/auth/login",
                "app.rate-limits.groups.slow-login.limit", "1"));
        List<RateLimitRule> rules = rules(properties);

        assertThat(properties.getLogin().getPeriod()).isEqualTo(Duration.ofMinutes(1));
        assertThat(properties.getLogin().getLimit()).isEqualTo(5);
        assertThat(match(rules, "GET", "/api/v1/products").get().policy()).isEqualTo("100;w=3600");
        assertThat(match(rules, "GET", "/api/v1/exports/orders.csv").get().policy())
                .isEqualTo("2;w=86400");
        assertThat(match(rules, "POST", "/api/v1/auth/login").get().name()).isEqualTo("slow-login");
    }

    @Test
    @DisplayName("a group without a positive limit and period stops the application at start")
    void refusesNonsense() {
        RateLimitProperties properties = bind(Map.of("app.rate-limits.register.limit", "0"));
        assertThatThrownBy(() -> rules(properties))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("app.rate-limits.register");
    }
}
