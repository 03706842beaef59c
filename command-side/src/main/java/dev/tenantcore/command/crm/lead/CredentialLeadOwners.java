package dev.tenantcore.command.crm.lead;

import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.infra.security.UserCredentials;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * {@link LeadOwners} from the accounts' command-side sign-in record, which accounts write in their
 * own command transactions: a member added a moment ago may own a lead, one removed may not.
 * Row-level security keeps other tenants' accounts out of reach.
 */
@Component
class CredentialLeadOwners implements LeadOwners {

    private static final Set<Role> STAFF = EnumSet.of(Role.OWNER, Role.MANAGER, Role.STAFF);

    private final UserCredentials credentials;

    CredentialLeadOwners(UserCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public boolean mayOwn(UserId user) {
        return credentials
                .byId(user)
                .filter(c -> c.active() && STAFF.contains(c.role()))
                .isPresent();
    }
}
