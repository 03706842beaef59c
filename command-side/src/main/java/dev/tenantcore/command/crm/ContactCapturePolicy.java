package dev.tenantcore.command.crm;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorDetails;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.PostalAddress;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.CreateContactCommand;
import dev.tenantcore.api.crm.UpdateContactCommand;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.api.identity.UserRegisteredEvent;
import dev.tenantcore.api.ordering.OrderAddress;
import dev.tenantcore.api.ordering.OrderPlacedEvent;
import dev.tenantcore.api.tenancy.TenantModule;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import dev.tenantcore.infra.tenancy.TenantDirectory;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Makes storefront customers and order buyers contacts of tenants that run the CRM.
 *
 * <p>Idempotent without a ledger of its own: the contact is looked up first in {@link
 * ContactDirectory} (in this handler's transaction, which the commands join), so a redelivered or
 * replayed event finds the contact it made, or the one that already had the address, and creates
 * nothing new. A customer whose address already names a contact is linked to it instead. The new
 * contact's id derives from the account or the buyer's address, so even two nodes racing on one
 * event create one contact (the second append is refused by the event store).
 *
 * <p>A refusal (an address that is no valid address, say) is logged and skips the event: a customer
 * who cannot be a contact is still a customer.
 */
@Component
@ProcessingGroup("crm-capture")
class ContactCapturePolicy {

    static final String SOURCE_REGISTRATION = "storefront-registration";
    static final String SOURCE_ORDER = "order";

    private static final Logger log = LoggerFactory.getLogger(ContactCapturePolicy.class);

    private final CommandGateway commands;
    private final ContactDirectory directory;
    private final Consumer<TenantId> bind;
    private final Predicate<TenantId> runsCrm;

    @Autowired
    ContactCapturePolicy(
            CommandGateway commands,
            ContactDirectory directory,
            TenantAwareTransactionManager transactions,
            TenantDirectory tenants) {
        // As the module guard judges: a tenant the directory does not know yet is not refused.
        this(
                commands,
                directory,
                transactions::bind,
                tenant -> tenants.byId(tenant)
                        .map(entry -> entry.hasModule(TenantModule.CRM))
                        .orElse(true));
    }

    ContactCapturePolicy(
            CommandGateway commands, ContactDirectory directory, Consumer<TenantId> bind, Predicate<TenantId> runsCrm) {
        this.commands = commands;
        this.directory = directory;
        this.bind = bind;
        this.runsCrm = runsCrm;
    }

    @EventHandler
    void on(UserRegisteredEvent event, @MetaDataValue(MetadataKeys.TENANT_ID) String tenant) {
        if (event.role() != Role.CUSTOMER || !runsCrm(tenant)) {
            return;
        }
        bind.accept(event.tenantId());
        if (directory.byCustomerAccount(event.userId()).isPresent()) {
            return;
        }
        Optional<ContactId> known = directory.byEmail(event.email());
        if (known.isPresent()) {
            link(known.get(), event.userId());
            return;
        }
        String name =
                event.displayName() == null || event.displayName().isBlank() ? event.email() : event.displayName();
        create(new CreateContactCommand(
                ContactId.forCustomerAccount(event.userId()),
                name,
                null,
                List.of(event.email()),
                null,
                null,
                null,
                null,
                null,
                SOURCE_REGISTRATION,
                null,
                null,
                null,
                event.userId(),
                null));
    }

    @EventHandler
    void on(OrderPlacedEvent event, @MetaDataValue(MetadataKeys.TENANT_ID) String tenant) {
        OrderAddress buyer = event.billing();
        if (buyer == null || buyer.email() == null || !runsCrm(tenant)) {
            return;
        }
        bind.accept(event.tenantId());
        if (event.customerId() != null
                && directory.byCustomerAccount(event.customerId()).isPresent()) {
            return;
        }
        if (directory.byEmail(buyer.email()).isPresent()) {
            return;
        }
        PostalAddress address = buyer.postalAddress();
        String name = buyer.name() == null || buyer.name().isBlank() ? buyer.email() : buyer.name();
        ContactId id = event.customerId() != null
                ? ContactId.forCustomerAccount(event.customerId())
                : ContactId.forBuyer(event.tenantId(), buyer.email());
        // The phone is kept only when it reads as a number: an order's phone is free text.
        String region = address.country();
        List<String> phones = buyer.phone() == null
                        || directory.byPhone(buyer.phone(), region).isPresent()
                        || !isPhone(buyer.phone(), region)
                ? null
                : List.of(buyer.phone());
        create(new CreateContactCommand(
                id,
                name,
                null,
                List.of(buyer.email()),
                phones,
                address,
                null,
                null,
                null,
                SOURCE_ORDER,
                null,
                null,
                null,
                event.customerId(),
                null));
    }

    private void create(CreateContactCommand command) {
        send(command);
    }

    private void link(ContactId contact, UserId account) {
        send(new UpdateContactCommand(
                contact, null, null, null, null, null, null, null, null, null, false, null, null, null, null, account,
                null));
    }

    /**
     * A refusal of the CRM's rules (a duplicate phone, a name too long) means this person does not
     * become a contact automatically; staff can still create one. Anything else fails the event, to
     * be retried or parked as a dead letter.
     */
    private void send(Object command) {
        try {
            commands.sendAndWait(command);
        } catch (CommandExecutionException e) {
            if (e.getDetails().filter(ErrorDetails.class::isInstance).isEmpty()) {
                throw e;
            }
            log.info("no contact captured: {}", e.getMessage());
        }
    }

    private boolean runsCrm(String tenant) {
        return tenant != null && runsCrm.test(TenantId.of(tenant));
    }

    private static boolean isPhone(String phone, String region) {
        try {
            ContactKeys.phone(phone, region);
            return true;
        } catch (DomainException e) {
            return false;
        }
    }
}
