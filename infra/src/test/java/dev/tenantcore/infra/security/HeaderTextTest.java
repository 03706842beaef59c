package dev.tenantcore.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;

@DisplayName("HeaderText")
class HeaderTextTest {

    @Test
    @DisplayName("decides every code point, alone and inside a header, as Spring Security's firewall does")
    void sameAsTheFirewallsRule() {
        List<String> namesDiffer = new ArrayList<>();
        List<String> valuesDiffer = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String alone = new String(Character.toChars(codePoint));
            for (String text : List.of(alone, "Bearer ey" + alone + "J9", alone + alone)) {
                compare(text, HeaderText::allowedName, StrictHttpFirewall.ALLOWED_HEADER_NAMES, namesDiffer);
                compare(text, HeaderText::allowedValue, StrictHttpFirewall.ALLOWED_HEADER_VALUES, valuesDiffer);
            }
        }
        assertThat(namesDiffer).isEmpty();
        assertThat(valuesDiffer).isEmpty();
    }

    @Test
    @DisplayName(
            "refuses control characters (a tab only in names), unassigned code points, and takes surrogate pairs and lone surrogates as the firewall does")
    void examples() {
        assertThat(HeaderText.allowedValue("Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln"))
                .isTrue();
        assertThat(HeaderText.allowedValue("a\tb")).isTrue();
        assertThat(HeaderText.allowedName("a\tb")).isFalse();
        assertThat(HeaderText.allowedValue("a\r\nSet-Cookie: x")).isFalse();
        assertThat(HeaderText.allowedValue("a\u0000")).isFalse();
        assertThat(HeaderText.allowedValue("\u007f")).isFalse();
        assertThat(HeaderText.allowedValue("\u0378")).isFalse();
        assertThat(HeaderText.allowedValue("caf\u00e9 \ud83d\ude00")).isTrue();
        for (String lone : List.of("\ud83d", "\ude00", "x\ud83dy")) {
            assertThat(HeaderText.allowedValue(lone)).isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(lone));
        }
        assertThat(HeaderText.allowedValue("")).isTrue();
    }

    private static void compare(String text, Predicate<String> ours, Predicate<String> firewall, List<String> differ) {
        if (ours.test(text) != firewall.test(text) && differ.size() < 20) {
            differ.add(text.codePoints().mapToObj(Integer::toHexString).toList().toString());
        }
    }
}
