package dev.tenantcore.infra.persistence;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.springframework.core.env.Environment;

/**
 * Reads {@code DATABASE_URL} in either JDBC form or the common {@code postgres://user:pass@host/db}
 * form, and the owner credentials that migrations run with.
 */
final class ExternalDatabase {

    private ExternalDatabase() {}

    static Map<String, Object> properties(String databaseUrl, Environment env) {
        Map<String, Object> props = new HashMap<>();
        String jdbcUrl = databaseUrl;
        if (!databaseUrl.startsWith("jdbc:")) {
            URI uri = URI.create(databaseUrl);
            String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            jdbcUrl = "jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query;
            if (uri.getUserInfo() != null) {
                String[] userInfo = uri.getUserInfo().split(":", 2);
                props.put("spring.datasource.username", userInfo[0]);
                if (userInfo.length > 1) {
                    props.put("spring.datasource.password", userInfo[1]);
                }
            }
        }
        props.put("spring.datasource.url", jdbcUrl);
        copy(env, "DATABASE_USERNAME", "spring.datasource.username", props);
        copy(env, "DATABASE_PASSWORD", "spring.datasource.password", props);
        copy(env, "DATABASE_OWNER_USERNAME", "spring.flyway.user", props);
        copy(env, "DATABASE_OWNER_PASSWORD", "spring.flyway.password", props);
        if (props.containsKey("spring.flyway.user")) {
            props.put("spring.flyway.url", jdbcUrl);
        }
        return props;
    }

    private static void copy(Environment env, String from, String to, Map<String, Object> props) {
        String value = env.getProperty(from);
        if (value != null && !value.isBlank()) {
            props.put(to, value);
        }
    }
}
