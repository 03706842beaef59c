package dev.tenantcore.command.crm;

import dev.tenantcore.api.common.UserId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Asks the accounts' own command-side record ({@code user_credentials}, written in the transaction
 * of the accounts' events), never the user read model, which may lag.
 */
@Component
class JdbcStaffMembers implements StaffMembers {

    private final JdbcTemplate jdbc;

    JdbcStaffMembers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean isActiveStaff(UserId user) {
        Boolean staff = jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM user_credentials WHERE user_id = ? AND active AND NOT suspended"
                        + " AND role IN ('owner', 'manager', 'staff'))",
                Boolean.class,
                user.value());
        return Boolean.TRUE.equals(staff);
    }
}
