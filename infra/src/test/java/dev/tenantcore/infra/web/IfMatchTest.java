package dev.tenantcore.infra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("If-Match")
class IfMatchTest {

    @Test
    @DisplayName("names a version as the ETag writes it, weak or bare alike")
    void readsVersions() {
        for (String header : new String[] {"\"3\"", "W/\"3\"", "3", " \"3\" "}) {
            assertThat(IfMatch.version(header)).as(header).isEqualTo(3L);
            assertThat(IfMatch.exactVersion(header)).as(header).isEqualTo(3L);
        }
        assertThat(IfMatch.version("\"999999999999999999\"")).isEqualTo(999_999_999_999_999_999L);
    }

    @Test
    @DisplayName("absent or blank names none")
    void absent() {
        assertThat(IfMatch.version(null)).isNull();
        assertThat(IfMatch.version(" ")).isNull();
        assertThat(IfMatch.exactVersion(null)).isNull();
        assertThat(IfMatch.exactVersion("")).isNull();
    }

    @Test
    @DisplayName("* is any version where a change may be unconditional, and refused where it must name one")
    void star() {
        assertThat(IfMatch.version("*")).isNull();
        assertThatThrownBy(() -> IfMatch.exactVersion("*"))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    @DisplayName("anything else is 400 validation_failed, never ignored")
    void malformed() {
        for (String header : new String[] {"\"abc\"", "\"-1\"", "\"1\", \"2\"", "\"1234567890123456789\"", "W/"}) {
            assertThatThrownBy(() -> IfMatch.version(header))
                    .as(header)
                    .isInstanceOfSatisfying(
                            DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        }
    }
}
