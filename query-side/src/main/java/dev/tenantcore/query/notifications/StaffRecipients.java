package dev.tenantcore.query.notifications;

import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.api.identity.UserStatus;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The current tenant's active staff with given roles, the people a notice goes to. Read from the
 * identity read model's {@code user_accounts} in the processor's transaction and tenant: a handler
 * must not wait on the query bus, and a notice goes to every such member, not to a first page.
 */
@Component
class StaffRecipients {

    /** Someone to address: the account's id and e-mail. */
    record Member(UserId id, String email) {}

    private final JdbcTemplate jdbc;

    StaffRecipients(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Active members holding any of {@code roles}, oldest account first. */
    List<Member> active(List<Role> roles) {
        String[] wireNames = roles.stream().map(Role::wireName).toArray(String[]::new);
        return jdbc.query(
                "SELECT id, email FROM user_accounts WHERE status = ? AND role = ANY (?) ORDER BY created_at, id",
                (rs, row) -> new Member(new UserId(rs.getObject("id", UUID.class)), rs.getString("email")),
                UserStatus.ACTIVE.wireName(),
                wireNames);
    }
}
