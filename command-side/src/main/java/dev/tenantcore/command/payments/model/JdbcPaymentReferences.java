package dev.tenantcore.command.payments.model;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link PaymentReferences} in the row-level-secured {@code payment_references}. */
@Component
class JdbcPaymentReferences implements PaymentReferences {

    private final JdbcTemplate jdbc;

    JdbcPaymentReferences(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void remember(PaymentProviderKind provider, String providerPaymentId, PaymentId paymentId) {
        int inserted = jdbc.update("""
                INSERT INTO payment_references (tenant_id, provider, provider_payment_id, payment_id)
                VALUES (app_current_tenant(), ?, ?, ?)
                ON CONFLICT DO NOTHING
                """, provider.wireName(), providerPaymentId, paymentId.value());
        if (inserted == 0
                && !find(provider, providerPaymentId).map(paymentId::equals).orElse(false)) {
            throw new DomainException(ErrorCode.CONFLICT, "The provider reference belongs to another payment.");
        }
    }

    /** In a short transaction of its own when called outside one (a webhook's follow-up). */
    @Override
    @Transactional(readOnly = true)
    public Optional<PaymentId> find(PaymentProviderKind provider, String providerPaymentId) {
        return jdbc
                .query(
                        "SELECT payment_id FROM payment_references WHERE provider = ? AND provider_payment_id = ?",
                        (rs, row) -> new PaymentId(rs.getObject("payment_id", UUID.class)),
                        provider.wireName(),
                        providerPaymentId)
                .stream()
                .findFirst();
    }
}
