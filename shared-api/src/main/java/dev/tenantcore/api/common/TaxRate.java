package dev.tenantcore.api.common;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A tax rate in basis points (2100 = 21 %), from 0 to 100 %. The one tax rule of the platform:
 * tax is charged per line, on the line's net amount, rounded half up to the currency's minor unit,
 * and a document's tax is the sum of its lines' taxes. Rounding per line means an order and the
 * invoice made from its lines charge the same tax to the cent. Half up is symmetric around zero,
 * so a credit note's negative lines take back exactly what the invoice charged.
 */
public record TaxRate(int basisPoints) {

    public static final int MAX_BASIS_POINTS = 10_000;
    public static final TaxRate NONE = new TaxRate(0);

    private static final BigDecimal BASIS = BigDecimal.valueOf(10_000);

    public TaxRate {
        if (basisPoints < 0 || basisPoints > MAX_BASIS_POINTS) {
            throw new DomainException(
                    ErrorCode.VALIDATION_FAILED, "taxRateBasisPoints must be between 0 and " + MAX_BASIS_POINTS);
        }
    }

    public static TaxRate ofBasisPoints(int basisPoints) {
        return new TaxRate(basisPoints);
    }

    /** The tax on one line's net amount in minor units; negative for a negative (credited) line. */
    public long taxOnLine(long netMinor) {
        return BigDecimal.valueOf(netMinor)
                .multiply(BigDecimal.valueOf(basisPoints))
                .divide(BASIS, 0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    public Money taxOnLine(Money net) {
        return Money.of(taxOnLine(net.amountMinor()), net.currency());
    }
}
