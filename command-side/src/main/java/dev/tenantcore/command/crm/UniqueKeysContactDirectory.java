package dev.tenantcore.command.crm;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.ChannelHandle;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.command.common.UniqueKeys;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/** The directory over the keys contacts claim in {@link UniqueKeys}. */
@Component
class UniqueKeysContactDirectory implements ContactDirectory {

    private final UniqueKeys keys;

    UniqueKeysContactDirectory(UniqueKeys keys) {
        this.keys = keys;
    }

    @Override
    public Optional<ContactId> byEmail(String email) {
        return normalised(() -> ContactKeys.email(email)).flatMap(key -> find(UniqueKeys.Scope.CONTACT_EMAIL, key));
    }

    @Override
    public Optional<ContactId> byPhone(String phone, String region) {
        return normalised(() -> ContactKeys.phone(phone, region))
                .flatMap(key -> find(UniqueKeys.Scope.CONTACT_PHONE, key));
    }

    @Override
    public Optional<ContactId> byChannelHandle(ChannelHandle handle) {
        return normalised(() -> ContactKeys.key(ContactKeys.handle(handle)))
                .flatMap(key -> find(UniqueKeys.Scope.CONTACT_HANDLE, key));
    }

    @Override
    public Optional<ContactId> byCustomerAccount(UserId account) {
        return account == null ? Optional.empty() : find(UniqueKeys.Scope.CONTACT_ACCOUNT, account.toString());
    }

    private Optional<ContactId> find(UniqueKeys.Scope scope, String key) {
        return keys.holder(scope, key).map(ContactId::new);
    }

    private static Optional<String> normalised(Supplier<String> key) {
        try {
            return Optional.of(key.get());
        } catch (DomainException invalid) {
            return Optional.empty();
        }
    }
}
