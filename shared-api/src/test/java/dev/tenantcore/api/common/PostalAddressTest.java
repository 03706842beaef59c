package dev.tenantcore.api.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.invoicing.InvoiceParty;
import dev.tenantcore.api.ordering.OrderAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostalAddressTest {

    private static final PostalAddress HOME = new PostalAddress("Calle 1", "2º", "Madrid", "28001", "Madrid", "ES");

    @Test
    @DisplayName("an order's billing address becomes an invoice's buyer field for field")
    void travelsFromOrderToInvoice() {
        OrderAddress billing = OrderAddress.of("Ana", "ana@example.com", "+34 600", HOME);
        InvoiceParty buyer = InvoiceParty.of(billing.name(), billing.email(), billing.postalAddress(), "B123");

        assertThat(billing.postalAddress()).isEqualTo(HOME);
        assertThat(buyer.postalAddress()).isEqualTo(HOME);
        assertThat(buyer)
                .isEqualTo(new InvoiceParty(
                        "Ana", "ana@example.com", "Calle 1", "2º", "Madrid", "28001", "Madrid", "ES", "B123"));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "es", "ESP", "E1", " ES"})
    @DisplayName("a country is two upper-case letters")
    void refusesOtherCountryCodes(String code) {
        assertThat(PostalAddress.isCountryCode(code)).isFalse();
        assertThat(PostalAddress.isCountryCode(null)).isFalse();
        assertThat(PostalAddress.isCountryCode("DE")).isTrue();
    }
}
