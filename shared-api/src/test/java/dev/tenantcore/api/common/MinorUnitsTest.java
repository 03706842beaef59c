package dev.tenantcore.api.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MinorUnitsTest {

    @ParameterizedTest(name = "{0} has {1} decimals")
    @CsvSource({"JPY, 0", "KRW, 0", "EUR, 2", "USD, 2", "BHD, 3", "KWD, 3", "TND, 3"})
    @DisplayName("each currency has its ISO 4217 exponent")
    void exponents(String currency, int digits) {
        assertThat(MinorUnits.exponent(currency)).isEqualTo(digits);
    }

    @ParameterizedTest(name = "{0} minor units of {1} are {2}")
    @CsvSource({
        "1250, EUR, 12.50",
        "5, EUR, 0.05",
        "0, EUR, 0.00",
        "-1250, EUR, -12.50",
        "1250, JPY, 1250",
        "1250, BHD, 1.250",
        "1, KWD, 0.001",
        "9223372036854775807, EUR, 92233720368547758.07"
    })
    @DisplayName("minor units become a plain decimal and come back unchanged")
    void roundTrip(long minor, String currency, String decimal) {
        assertThat(MinorUnits.toDecimalString(minor, currency)).isEqualTo(decimal);
        assertThat(MinorUnits.fromDecimal(decimal, currency)).isEqualTo(minor);
    }

    @ParameterizedTest(name = "{0} {1} is {2} minor units")
    @CsvSource({"12.5, EUR, 1250", "12, EUR, 1200", "12.500, EUR, 1250", "1e2, JPY, 100", "1.2, KWD, 1200"})
    @DisplayName("a decimal written with fewer or padded digits still reads exactly")
    void readsShortAndPaddedDecimals(String decimal, String currency, long minor) {
        assertThat(MinorUnits.fromDecimal(decimal, currency)).isEqualTo(minor);
    }

    @ParameterizedTest(name = "{0} {1} is refused")
    @CsvSource({"12.505, EUR", "0.5, JPY", "1.0001, BHD", "92233720368547758.08, EUR", "twelve, EUR", "'', EUR"})
    @DisplayName("a decimal that is not exactly an amount of the currency is refused, never rounded")
    void refusesInexactDecimals(String decimal, String currency) {
        assertThatThrownBy(() -> MinorUnits.fromDecimal(decimal, currency))
                .isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    @DisplayName("currencies without minor units and unknown codes are refused")
    void refusesCurrenciesWithoutMinorUnits() {
        assertThatThrownBy(() -> MinorUnits.exponent("XAU")).hasMessageContaining("no minor units");
        assertThatThrownBy(() -> MinorUnits.exponent("ABC")).hasMessageContaining("unknown currency");
        assertThatThrownBy(() -> MinorUnits.exponent(null)).hasMessageContaining("unknown currency");
        assertThatThrownBy(() -> MinorUnits.fromDecimal((BigDecimal) null, "EUR"))
                .hasMessageContaining("required");
    }
}
