package dev.tenantcore.infra.persistence.jpa;

import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;

/**
 * The alternative event storage engine, kept for the benchmark that chose between them: Axon's
 * JPA engine on the same Flyway tables. Needs the build profile {@code -Pjpa-event-store} (which
 * adds Hibernate) and the Spring profile {@code jpa-event-store}. Axon's auto-configuration then
 * stores events, tokens and sagas through JPA; transactions become JPA transactions that set the
 * tenant the same way.
 */
@Configuration(proxyBeanMethods = false)
@Profile("jpa-event-store")
class JpaEventStoreConfiguration {

    @Bean
    @Primary
    TenantAwareJpaTransactionManager jpaTransactionManager(EntityManagerFactory emf, DataSource dataSource) {
        return new TenantAwareJpaTransactionManager(emf, dataSource);
    }
}
