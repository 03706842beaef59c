package dev.tenantcore.api.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MoneyTest {

    private static final Money TEN_EUR = Money.of(1000, "EUR");

    private static void refused(Runnable action, String message) {
        assertThatThrownBy(action::run)
                .isInstanceOf(DomainException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((DomainException) e).code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Nested
    @DisplayName("an amount")
    class Amount {

        @Test
        @DisplayName("is never negative")
        void neverNegative() {
            refused(() -> Money.of(-1, "EUR"), "negative");
        }

        @Test
        @DisplayName("is in a known currency that has minor units")
        void knownCurrencyWithMinorUnits() {
            refused(() -> Money.of(1, "EURO"), "unknown currency");
            refused(() -> Money.of(1, "XAU"), "no minor units");
            assertThat(Money.of(1, "JPY").currency()).isEqualTo("JPY");
        }
    }

    @Nested
    @DisplayName("arithmetic")
    class Arithmetic {

        @Test
        @DisplayName("adds and subtracts amounts of one currency")
        void addsAndSubtracts() {
            assertThat(TEN_EUR.plus(Money.of(250, "EUR"))).isEqualTo(Money.of(1250, "EUR"));
            assertThat(TEN_EUR.minus(Money.of(250, "EUR"))).isEqualTo(Money.of(750, "EUR"));
            assertThat(TEN_EUR.minus(TEN_EUR).isZero()).isTrue();
        }

        @Test
        @DisplayName("refuses to mix currencies")
        void refusesToMixCurrencies() {
            refused(() -> TEN_EUR.plus(Money.of(1, "USD")), "cannot combine EUR with USD");
            refused(() -> TEN_EUR.minus(Money.of(1, "USD")), "cannot combine EUR with USD");
            assertThat(TEN_EUR.sameCurrencyAs(Money.zero("USD"))).isFalse();
        }

        @Test
        @DisplayName("refuses to take away more than there is")
        void refusesANegativeDifference() {
            refused(() -> TEN_EUR.minus(Money.of(1001, "EUR")), "cannot take 1001 from 1000");
        }

        @Test
        @DisplayName("multiplies a unit price by a quantity, never by a negative one")
        void multipliesByQuantity() {
            assertThat(Money.of(1250, "EUR").times(3)).isEqualTo(Money.of(3750, "EUR"));
            assertThat(Money.of(1250, "EUR").times(0).isZero()).isTrue();
            refused(() -> TEN_EUR.times(-1), "quantity must not be negative");
        }

        @Test
        @DisplayName("fails rather than overflows")
        void failsRatherThanOverflows() {
            Money huge = Money.of(Long.MAX_VALUE, "EUR");
            assertThatThrownBy(() -> huge.plus(Money.of(1, "EUR"))).isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(() -> huge.times(2)).isInstanceOf(ArithmeticException.class);
        }
    }

    @Test
    @DisplayName("reads and writes decimals at its currency's exponent")
    void decimals() {
        assertThat(Money.of(1250, "EUR").toDecimalString()).isEqualTo("12.50");
        assertThat(Money.of(1250, "JPY").toDecimalString()).isEqualTo("1250");
        assertThat(Money.of(1250, "KWD").toDecimal()).isEqualByComparingTo("1.250");
        assertThat(Money.ofDecimal(new BigDecimal("12.5"), "EUR")).isEqualTo(Money.of(1250, "EUR"));
        refused(() -> Money.ofDecimal(new BigDecimal("-1"), "EUR"), "negative");
    }
}
