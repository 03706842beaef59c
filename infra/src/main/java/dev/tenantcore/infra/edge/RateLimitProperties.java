package dev.tenantcore.infra.edge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rate limits per route group, under {@code app.rate-limits}. Each built-in group can be tuned
 * field by field ({@code app.rate-limits.login.limit=50}); {@code groups} adds further groups,
 * which are matched before the built-in ones. A request counts against the first group whose
 * routes match it, and anything else under {@code /api/v1} against {@code default}.
 */
@ConfigurationProperties("app.rate-limits")
public class RateLimitProperties {

    /**
     * Who a bucket counts: the client's address, the signed-in user or API key (else the address),
     * or the request path, for routes whose path names the party (a webhook endpoint id) and whose
     * callers come from many addresses.
     */
    public enum KeyBy {
        IP,
        CLIENT,
        PATH
    }

    private boolean enabled = true;

    private final Group login = new Group(100, Duration.ofMinutes(1), KeyBy.IP, "POST /api/v1/auth/login");
    private final Group refresh = new Group(20, Duration.ofMinutes(1), KeyBy.IP, "POST /api/v1/auth/refresh");
    private final Group register = new Group(3, Duration.ofHours(1), KeyBy.IP, "POST /api/v1/auth/register");
    private final Group passwordReset = new Group(
            5,
            Duration.ofHours(1),
            KeyBy.IP,
            "POST /api/v1/auth/password-reset",
            "POST /api/v1/auth/password-reset/**");
    /** Each sign-up creates a tenant and sends an email. */
    private final Group signup = new Group(3, Duration.ofHours(1), KeyBy.IP, "POST /api/v1/signup");
    /** Each resend sends an email, to an address the caller names: as scarce as sign-ups. */
    private final Group signupResend = new Group(3, Duration.ofHours(1), KeyBy.IP, "POST /api/v1/signup/resend");

    private final Group publicForms = new Group(10, Duration.ofMinutes(1), KeyBy.IP, "POST /api/v1/public/forms/**");
    /** Each check answers whether a code exists: limited per address, so codes cannot be guessed in bulk. */
    private final Group couponChecks =
            new Group(20, Duration.ofMinutes(1), KeyBy.IP, "POST /api/v1/public/coupons/check");

    private final Group domainCreation = new Group(5, Duration.ofHours(1), KeyBy.CLIENT, "POST /api/v1/tenant/domains");
    private final Group orderCreation = new Group(30, Duration.ofMinutes(1), KeyBy.CLIENT, "POST /api/v1/orders");
    /**
     * One bucket per webhook endpoint id: providers deliver from many addresses, and one tenant's
     * flood (or forgeries aimed at its URL) must not use up another tenant's deliveries.
     */
    private final Group webhooks =
            new Group(300, Duration.ofMinutes(1), KeyBy.PATH, "POST /api/v1/webhooks/{source}/{endpointId}");

    /**
     * The Prometheus endpoint, which takes a password (the scrape user's): counted per address before
     * the password is checked, so guesses run out. A scrape every 15 s uses 4 a minute.
     */
    private final Group metrics = new Group(60, Duration.ofMinutes(1), KeyBy.IP, "GET /actuator/prometheus");

    private final Group fallback = new Group(100, Duration.ofSeconds(60), KeyBy.CLIENT, "/api/v1/**");
    private final Map<String, Group> groups = new LinkedHashMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Group getLogin() {
        return login;
    }

    public Group getRefresh() {
        return refresh;
    }

    public Group getRegister() {
        return register;
    }

    public Group getPasswordReset() {
        return passwordReset;
    }

    public Group getSignup() {
        return signup;
    }

    public Group getSignupResend() {
        return signupResend;
    }

    public Group getPublicForms() {
        return publicForms;
    }

    public Group getCouponChecks() {
        return couponChecks;
    }

    public Group getDomainCreation() {
        return domainCreation;
    }

    public Group getOrderCreation() {
        return orderCreation;
    }

    public Group getWebhooks() {
        return webhooks;
    }

    public Group getMetrics() {
        return metrics;
    }

    /** Bound as {@code app.rate-limits.default}: everything under /api/v1 that no other group takes. */
    public Group getDefault() {
        return fallback;
    }

    public Map<String, Group> getGroups() {
        return groups;
    }

    /** Every group in matching order: the configured extra groups, the built-in ones, the default. */
    Map<String, Group> inMatchingOrder() {
        Map<String, Group> all = new LinkedHashMap<>(groups);
        all.put("login", login);
        all.put("refresh", refresh);
        all.put("register", register);
        all.put("password-reset", passwordReset);
        all.put("signup", signup);
        all.put("signup-resend", signupResend);
        all.put("public-forms", publicForms);
        all.put("coupon-checks", couponChecks);
        all.put("domain-creation", domainCreation);
        all.put("order-creation", orderCreation);
        all.put("webhooks", webhooks);
        all.put("metrics", metrics);
        all.put("default", fallback);
        return all;
    }

    /**
     * {@code limit} requests per {@code period}, refilled gradually. {@code routes} are
     * {@code "METHOD /path/pattern"} or {@code "/path/pattern"} (any method), in Spring's path
     * pattern syntax.
     */
    public static class Group {
        private long limit;
        private Duration period;
        private KeyBy key;
        private List<String> routes;

        public Group() {
            this(100, Duration.ofMinutes(1), KeyBy.CLIENT);
        }

        Group(long limit, Duration period, KeyBy key, String... routes) {
            this.limit = limit;
            this.period = period;
            this.key = key;
            this.routes = new ArrayList<>(List.of(routes));
        }

        public long getLimit() {
            return limit;
        }

        public void setLimit(long limit) {
            this.limit = limit;
        }

        public Duration getPeriod() {
            return period;
        }

        public void setPeriod(Duration period) {
            this.period = period;
        }

        public KeyBy getKey() {
            return key;
        }

        public void setKey(KeyBy key) {
            this.key = key;
        }

        public List<String> getRoutes() {
            return routes;
        }

        public void setRoutes(List<String> routes) {
            this.routes = routes;
        }
    }
}
