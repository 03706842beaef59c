package dev.tenantcore.infra.persistence.jpa;

import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The JPA counterpart of {@link TenantAwareTransactionManager}, for the JPA event storage engine. */
class TenantAwareJpaTransactionManager extends JpaTransactionManager {

    TenantAwareJpaTransactionManager(EntityManagerFactory emf, DataSource dataSource) {
        super(emf);
        setDataSource(dataSource);
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        super.doBegin(transaction, definition);
        ConnectionHolder holder = (ConnectionHolder) TransactionSynchronizationManager.getResource(getDataSource());
        try {
            TenantAwareTransactionManager.applyCurrentTenant(holder.getConnection());
        } catch (SQLException e) {
            throw new TransactionSystemException("cannot set the tenant", e);
        }
    }

    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        TenantAwareTransactionManager.forgetTenant();
        super.doCleanupAfterCompletion(transaction);
    }
}
