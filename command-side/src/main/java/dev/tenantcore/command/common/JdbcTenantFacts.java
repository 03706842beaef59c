package dev.tenantcore.command.common;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.api.tenancy.CheckoutSettings;
import dev.tenantcore.api.tenancy.PaymentFailurePolicy;
import dev.tenantcore.api.tenancy.TenantSettings;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link TenantFacts} on the {@code tenant_facts} table. A platform table, keyed by the tenant
 * itself: the platform registers tenants and the tenants' own commands read them, so no single
 * {@code app.tenant_id} could own its rows.
 */
@Component
class JdbcTenantFacts implements TenantFacts {

    private final JdbcTemplate jdbc;

    JdbcTenantFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void registered(TenantId tenant, String name) {
        jdbc.update("""
                INSERT INTO tenant_facts (id, name) VALUES (?, ?)
                ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name
                """, tenant.value(), name);
    }

    @Override
    public void renamed(TenantId tenant, String name) {
        jdbc.update("UPDATE tenant_facts SET name = ? WHERE id = ?", name, tenant.value());
    }

    @Override
    public void settingsChanged(TenantId tenant, TenantSettings settings) {
        // None chosen is stored as none (NULL), as the backfill from older events finds it.
        CheckoutSettings checkout = settings.checkout();
        jdbc.update(
                """
                UPDATE tenant_facts
                   SET display_name = ?, tax_rate_basis_points = ?, default_provider = ?,
                       payment_window_minutes = ?, on_payment_failure = ?, currency = ?
                 WHERE id = ?
                """,
                settings.displayName(),
                settings.taxRateBasisPoints(),
                checkout == null ? null : checkout.defaultProvider().wireName(),
                checkout == null ? null : checkout.paymentWindowMinutes(),
                checkout == null ? null : checkout.onPaymentFailure().wireName(),
                settings.currency(),
                tenant.value());
    }

    @Override
    public Optional<Facts> of(TenantId tenant) {
        return jdbc
                .query(
                        """
                        SELECT name, display_name, tax_rate_basis_points, default_provider,
                               payment_window_minutes, on_payment_failure, currency
                          FROM tenant_facts WHERE id = ?
                        """,
                        (rs, row) -> new Facts(
                                rs.getString("name"),
                                rs.getString("display_name"),
                                rs.getInt("tax_rate_basis_points"),
                                checkout(rs),
                                rs.getString("currency")),
                        tenant.value())
                .stream()
                .findFirst();
    }

    private static CheckoutSettings checkout(ResultSet rs) throws SQLException {
        String provider = rs.getString("default_provider");
        if (provider == null) {
            return CheckoutSettings.defaults();
        }
        return new CheckoutSettings(
                PaymentProviderKind.fromWireName(provider),
                rs.getInt("payment_window_minutes"),
                PaymentFailurePolicy.fromWireName(rs.getString("on_payment_failure")));
    }
}
