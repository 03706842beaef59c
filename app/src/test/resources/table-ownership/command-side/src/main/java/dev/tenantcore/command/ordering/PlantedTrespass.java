package dev.tenantcore.command.ordering;

// Not compiled: a planted violation that TableOwnershipTest scans to show that its checker can fail.
// A command-side class reading a query-side read table, which lags behind the events.
class PlantedTrespass {

    static final String SQL = """
            SELECT settings ->> 'taxRateBasisPoints'
              FROM platform_tenants WHERE id = ?
            """;

    // A comment that names FROM orders is no SQL and must not count.
    static final String OWN = "UPDATE stock_levels SET reserved = 0";
}
