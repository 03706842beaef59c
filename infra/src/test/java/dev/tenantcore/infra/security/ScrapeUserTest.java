package dev.tenantcore.infra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

@DisplayName("The metrics scrape user")
class ScrapeUserTest {

    private static UsernamePasswordAuthenticationToken basic(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }

    @Nested
    @DisplayName("when configured")
    class Configured {

        private final ScrapeUser scrape =
                new ScrapeUser(new MetricsScrapeProperties("prometheus", "a-long-scrape-password"));

        @Test
        @DisplayName("signs in with its name and password, as the scraper role only")
        void signsIn() {
            var signedIn = scrape.authenticate(basic("prometheus", "a-long-scrape-password"));

            assertThat(signedIn.isAuthenticated()).isTrue();
            assertThat(signedIn.getName()).isEqualTo("prometheus");
            assertThat(signedIn.getCredentials()).isNull();
            assertThat(signedIn.getAuthorities())
                    .extracting(GrantedAuthority::getAuthority)
                    .containsExactly("ROLE_METRICS_SCRAPER");
        }

        @Test
        @DisplayName("refuses a wrong password, a wrong name, a prefix of the password and an empty one")
        void refusesWrongCredentials() {
            for (var attempt : new String[][] {
                {"prometheus", "a-long-scrape-passwore"},
                {"prometheus", "a-long-scrape-password "},
                {"prometheus", "a-long"},
                {"prometheus", ""},
                {"Prometheus", "a-long-scrape-password"},
                {"", "a-long-scrape-password"}
            }) {
                assertThatThrownBy(() -> scrape.authenticate(basic(attempt[0], attempt[1])))
                        .as("%s / %s", attempt[0], attempt[1])
                        .isInstanceOf(BadCredentialsException.class);
            }
        }
    }

    @Test
    @DisplayName("without a configured user every attempt fails, an empty name and password too")
    void unconfiguredRefusesAll() {
        for (var properties : new MetricsScrapeProperties[] {
            new MetricsScrapeProperties(null, null), new MetricsScrapeProperties(" ", "")
        }) {
            ScrapeUser scrape = new ScrapeUser(properties);
            assertThat(scrape.configured()).isFalse();
            assertThatThrownBy(() -> scrape.authenticate(basic("", ""))).isInstanceOf(BadCredentialsException.class);
            assertThatThrownBy(() -> scrape.authenticate(basic(" ", ""))).isInstanceOf(BadCredentialsException.class);
            assertThatThrownBy(() -> scrape.authenticate(basic("prometheus", "anything")))
                    .isInstanceOf(BadCredentialsException.class);
        }
    }

    @Test
    @DisplayName("a name without a password, or a password without a name, stops the start")
    void halfConfiguredStopsTheStart() {
        assertThatThrownBy(() -> new ScrapeUser(new MetricsScrapeProperties("prometheus", null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("app.metrics.scrape-password");
        assertThatThrownBy(() -> new ScrapeUser(new MetricsScrapeProperties(null, "secret-enough")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("the password never shows in the settings' text")
    void passwordHidden() {
        assertThat(new MetricsScrapeProperties("prometheus", "a-long-scrape-password").toString())
                .contains("prometheus")
                .doesNotContain("a-long-scrape-password");
    }
}
