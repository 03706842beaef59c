package dev.tenantcore.command.crm;

import static dev.tenantcore.command.common.CommandFixtures.ACME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.ChannelHandle;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.CreateContactCommand;
import dev.tenantcore.api.crm.UpdateContactCommand;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.api.identity.UserRegisteredEvent;
import dev.tenantcore.api.ordering.OrderAddress;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.ordering.OrderPlacedEvent;
import dev.tenantcore.api.ordering.OrderTotals;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The contact capture policy")
class ContactCapturePolicyTest {

    /** The directory as the contacts' own commands would leave it. */
    private final Map<String, ContactId> byEmail = new HashMap<>();

    private final Map<UserId, ContactId> byAccount = new HashMap<>();

    private final ContactDirectory directory = new ContactDirectory() {
        @Override
        public Optional<ContactId> byEmail(String email) {
            return Optional.ofNullable(byEmail.get(ContactKeys.email(email)));
        }

        @Override
        public Optional<ContactId> byPhone(String phone, String region) {
            return Optional.empty();
        }

        @Override
        public Optional<ContactId> byChannelHandle(ChannelHandle handle) {
            return Optional.empty();
        }

        @Override
        public Optional<ContactId> byCustomerAccount(UserId account) {
            return Optional.ofNullable(byAccount.get(account));
        }
    };

    private final RecordingCommandBus bus = new RecordingCommandBus();
    private boolean crm = true;
    private final ContactCapturePolicy policy = new ContactCapturePolicy(
            DefaultCommandGateway.builder().commandBus(bus).build(), directory, tenant -> {}, tenant -> crm);

    {
        // Each created contact claims its e-mail and account, as the aggregate does in its transaction.
        bus.setCallbackBehavior((command, metaData) -> {
            if (command instanceof CreateContactCommand create) {
                create.emails().forEach(email -> byEmail.put(ContactKeys.email(email), create.contactId()));
                if (create.customerAccountId() != null) {
                    byAccount.put(create.customerAccountId(), create.contactId());
                }
            }
            if (command instanceof UpdateContactCommand update && update.customerAccountId() != null) {
                byAccount.put(update.customerAccountId(), update.contactId());
            }
            return null;
        });
    }

    private static UserRegisteredEvent registered(UserId user, String email, Role role) {
        return new UserRegisteredEvent(user, ACME, email, "hash", "Ann", role);
    }

    private static OrderPlacedEvent order(UserId customer, String email) {
        return new OrderPlacedEvent(
                OrderId.random(),
                ACME,
                1,
                customer,
                List.of(),
                new OrderAddress(
                        "Ann Buyer", email, "+34 612 34 56 78", "Calle 1", null, "Madrid", "28001", null, "ES"),
                null,
                new OrderTotals("EUR", 0, 0, 0, 0, 0, 0));
    }

    @Test
    @DisplayName("a registered customer becomes one contact, and the replayed event asks for nothing more")
    void customerOnce() {
        UserId ann = UserId.random();
        UserRegisteredEvent event = registered(ann, "ann@example.com", Role.CUSTOMER);
        policy.on(event, ACME.toString());
        policy.on(event, ACME.toString());

        assertThat(bus.getDispatchedCommands()).hasSize(1);
        CreateContactCommand create =
                (CreateContactCommand) bus.getDispatchedCommands().get(0).getPayload();
        assertThat(create.contactId()).isEqualTo(ContactId.forCustomerAccount(ann));
        assertThat(create.customerAccountId()).isEqualTo(ann);
        assertThat(create.source()).isEqualTo(ContactCapturePolicy.SOURCE_REGISTRATION);
    }

    @Test
    @DisplayName("staff accounts and tenants without the CRM make no contact")
    void onlyCustomersOfCrmTenants() {
        policy.on(registered(UserId.random(), "staff@example.com", Role.STAFF), ACME.toString());
        crm = false;
        policy.on(registered(UserId.random(), "off@example.com", Role.CUSTOMER), ACME.toString());
        policy.on(order(UserId.random(), "buyer@example.com"), ACME.toString());
        assertThat(bus.getDispatchedCommands()).isEmpty();
    }

    @Test
    @DisplayName("a customer whose e-mail names a contact already is linked to it")
    void linksExisting() {
        ContactId existing = ContactId.random();
        byEmail.put("ann@example.com", existing);
        UserId ann = UserId.random();
        policy.on(registered(ann, "Ann@Example.com", Role.CUSTOMER), ACME.toString());
        policy.on(registered(ann, "Ann@Example.com", Role.CUSTOMER), ACME.toString());
        assertThat(bus.getDispatchedCommands()).hasSize(1);
        UpdateContactCommand link =
                (UpdateContactCommand) bus.getDispatchedCommands().get(0).getPayload();
        assertThat(link.contactId()).isEqualTo(existing);
        assertThat(link.customerAccountId()).isEqualTo(ann);
    }

    @Test
    @DisplayName("an order's buyer becomes one contact with the billing phone, once however often the event comes")
    void buyerOnce() {
        UserId buyer = UserId.random();
        OrderPlacedEvent event = order(buyer, "buyer@example.com");
        policy.on(event, ACME.toString());
        policy.on(event, ACME.toString());
        policy.on(order(buyer, "buyer@example.com"), ACME.toString());
        assertThat(bus.getDispatchedCommands()).hasSize(1);
        CreateContactCommand create =
                (CreateContactCommand) bus.getDispatchedCommands().get(0).getPayload();
        assertThat(create.source()).isEqualTo(ContactCapturePolicy.SOURCE_ORDER);
        assertThat(create.phones()).containsExactly("+34 612 34 56 78");
        assertThat(create.address().country()).isEqualTo("ES");
    }
}
