package dev.tenantcore.infra.security;

import dev.tenantcore.infra.credentials.PlatformSecrets;
import java.time.Clock;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** The signing keys of another node started on the running application's database. */
final class AnotherNode {

    private AnotherNode() {}

    static SigningKeys signingKeys(ApplicationContext running) {
        SigningKeys node = new SigningKeys(
                running.getBean(JdbcTemplate.class),
                running.getBean(PlatformTransactionManager.class),
                running.getBean(PlatformSecrets.class),
                running.getBean(SecurityProperties.class),
                running.getBean(SigningKeyProperties.class),
                running.getBeanProvider(Clock.class));
        node.afterSingletonsInstantiated();
        return node;
    }
}
