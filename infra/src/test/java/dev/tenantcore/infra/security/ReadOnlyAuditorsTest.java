package dev.tenantcore.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

class ReadOnlyAuditorsTest {

    private static Authentication as(String role) {
        return new TestingAuthenticationToken("someone", null, List.of(new SimpleGrantedAuthority("ROLE_" + role)));
    }

    @ParameterizedTest(name = "{0} {1} as {2}: {3}")
    @CsvSource({
        "GET, /api/v1/products, AUDITOR, true",
        "HEAD, /api/v1/audit/events, AUDITOR, true",
        "POST, /api/v1/products, AUDITOR, false",
        "PATCH, /api/v1/account, AUDITOR, false",
        "PUT, /api/v1/tenant/settings, AUDITOR, false",
        "DELETE, /api/v1/products/1, AUDITOR, false",
        "POST, /api/v1/auth/logout, AUDITOR, true",
        "DELETE, /api/v1/auth/sessions/abc, AUDITOR, true",
        "DELETE, /api/v1/auth/sessions/abc/more, AUDITOR, false",
        "POST, /api/v1/account/password, AUDITOR, true",
        "POST, /api/v1/audit/exports, AUDITOR, true",
        "PUT, /api/v1/audit/exports, AUDITOR, false",
        "DELETE, /api/v1/audit/exports, AUDITOR, false",
        "POST, /api/v1/audit/exports/abc, AUDITOR, false",
        "POST, /api/v1/audit/exports/, AUDITOR, false",
        "POST, /api/v1/audit/exports/x/file, AUDITOR, false",
        "POST, /api/v1/audit/chain/verify, AUDITOR, false",
        "POST, /api/v1/audit/subjects/contact/1/erase, AUDITOR, false",
        "POST, /api/v1/audit/exportsx, AUDITOR, false",
        "POST, /api/v1/products, OWNER, true",
        "DELETE, /api/v1/products/1, STAFF, true"
    })
    @DisplayName(
            "an auditor may read, start an export and end their own sessions, nothing more; other roles are left to the endpoints")
    void auditorsOnlyRead(String method, String path, String role, boolean allowed) {
        assertThat(ReadOnlyAuditors.mayRequest(as(role), method, path)).isEqualTo(allowed);
    }
}
