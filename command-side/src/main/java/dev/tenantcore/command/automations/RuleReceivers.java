package dev.tenantcore.command.automations;

import dev.tenantcore.infra.events.ReceiverIndex;
import dev.tenantcore.infra.persistence.PgNotifications;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The triggers of each tenant's enabled automation rules, for {@link RuleTriggering}'s processor to
 * skip the events no rule is triggered by.
 */
@Component
class RuleReceivers extends ReceiverIndex {

    private final JdbcTemplate jdbc;

    RuleReceivers(PlatformTransactionManager transactions, PgNotifications notifications, JdbcTemplate jdbc) {
        super(transactions, notifications);
        this.jdbc = jdbc;
    }

    @Override
    protected Set<String> load() {
        return new HashSet<>(jdbc.queryForList(
                "SELECT DISTINCT trigger FROM automation_rule_definitions WHERE enabled", String.class));
    }
}
