package dev.tenantcore.api.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaxRateTest {

    @ParameterizedTest(name = "{1} bp on {0} is {2}")
    @CsvSource({
        "2500, 2100, 525",
        "499, 2100, 105", // 104.79
        "50, 1000, 5",
        "5, 1000, 1", // 0.5 exactly: half up
        "4, 1000, 0", // 0.4
        "15, 1000, 2", // 1.5
        "25, 1000, 3", // 2.5: half up, not half even
        "1, 5000, 1", // 0.5
        "1, 4999, 0", // 0.4999
        "-5, 1000, -1", // a credited half rounds away from zero too, taking back what was charged
        "-499, 2100, -105",
        "1000, 0, 0",
        "1234, 10000, 1234"
    })
    @DisplayName("tax on a line is rounded half up to the minor unit")
    void roundsHalfUp(long net, int basisPoints, long tax) {
        assertThat(TaxRate.ofBasisPoints(basisPoints).taxOnLine(net)).isEqualTo(tax);
    }

    @Test
    @DisplayName("tax is charged per line, so a document's tax is the sum of its lines' taxes")
    void perLine() {
        TaxRate rate = TaxRate.ofBasisPoints(1000);
        // Three lines of 0.05: 0.005 each rounds up to 0.01, 0.03 in all; on the sum (0.15) it would be 0.02.
        long tax = rate.taxOnLine(5) + rate.taxOnLine(5) + rate.taxOnLine(5);
        assertThat(tax).isEqualTo(3);
        assertThat(rate.taxOnLine(Money.of(5, "EUR"))).isEqualTo(Money.of(1, "EUR"));
    }

    @Test
    @DisplayName("a rate lies between 0 and 100 %")
    void bounded() {
        assertThatThrownBy(() -> TaxRate.ofBasisPoints(-1))
                .isInstanceOf(DomainException.class)
                .hasMessage("taxRateBasisPoints must be between 0 and 10000");
        assertThatThrownBy(() -> TaxRate.ofBasisPoints(10_001)).isInstanceOf(DomainException.class);
        assertThat(TaxRate.NONE.taxOnLine(999)).isZero();
    }

    @Test
    @DisplayName("tax on the largest line is exact: the product is not taken in a long")
    void exactOnHugeLines() {
        assertThat(TaxRate.ofBasisPoints(10_000).taxOnLine(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(TaxRate.ofBasisPoints(5_000).taxOnLine(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE / 2 + 1);
    }
}
