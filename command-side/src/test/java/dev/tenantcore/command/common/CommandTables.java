package dev.tenantcore.command.common;

import static dev.tenantcore.command.common.CommandFixtures.ACME;

import dev.tenantcore.api.common.TenantId;
import org.axonframework.test.aggregate.FixtureConfiguration;

/**
 * What the tables of an aggregate test ({@link Transitions}, {@link Refusals}) run against: the
 * test's fixture, and who sends a row's command unless the row says otherwise.
 */
public interface CommandTables {

    /** The fixture of the aggregate under test, fresh for every row. */
    FixtureConfiguration<?> fixture();

    /** Who sends the commands of the tables: Acme's staff unless the test says otherwise. */
    default TenantId sender() {
        return ACME;
    }
}
