package dev.tenantcore.command.crm;

import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.ErrorDetails;
import dev.tenantcore.api.common.PostalAddress;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.AddContactNoteCommand;
import dev.tenantcore.api.crm.ArchiveContactCommand;
import dev.tenantcore.api.crm.ChannelHandle;
import dev.tenantcore.api.crm.Consent;
import dev.tenantcore.api.crm.ConsentPurpose;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.ContactResponse;
import dev.tenantcore.api.crm.CreateContactCommand;
import dev.tenantcore.api.crm.DeleteContactCommand;
import dev.tenantcore.api.crm.FindContactQuery;
import dev.tenantcore.api.crm.MergeContactCommand;
import dev.tenantcore.api.crm.RestoreContactCommand;
import dev.tenantcore.api.crm.TagContactCommand;
import dev.tenantcore.api.crm.UntagContactCommand;
import dev.tenantcore.api.crm.UpdateContactCommand;
import dev.tenantcore.command.common.CommandHeaders;
import dev.tenantcore.command.common.CommandResource;
import dev.tenantcore.command.common.CommandResponses;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import dev.tenantcore.infra.web.CommandEndpoint;
import dev.tenantcore.infra.web.ErrorStatus;
import dev.tenantcore.infra.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandExecutionException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Changes to the tenant's contacts, for its staff. */
@RestController
@RequestMapping("/api/v1/contacts")
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'STAFF')")
class ContactCommandController {

    private final CommandResource<ContactId, ContactResponse> contacts;
    private final ContactDirectory directory;
    private final TransactionTemplate reads;

    ContactCommandController(
            CommandResponses responses, ContactDirectory directory, TenantAwareTransactionManager transactions) {
        this.contacts = responses.resource(
                "/api/v1/contacts",
                ContactId::new,
                FindContactQuery::new,
                ContactResponse.class,
                ContactResponse::version);
        this.directory = directory;
        this.reads = new TransactionTemplate(transactions);
        this.reads.setReadOnly(true);
    }

    record AddressRequest(
            @Size(max = 200) String line1,
            @Size(max = 200) String line2,
            @Size(max = 100) String city,
            @Size(max = 20) String postalCode,
            @Size(max = 100) String region,
            @Pattern(regexp = "[A-Z]{2}") String country) {
        PostalAddress toAddress() {
            return new PostalAddress(line1, line2, city, postalCode, region, country);
        }
    }

    record ConsentRequest(
            @NotNull ConsentPurpose purpose,
            @NotNull Boolean granted,
            Instant at,
            @Size(max = 500) String how) {
        Consent toConsent() {
            return new Consent(purpose, granted, at, how);
        }
    }

    record ChannelHandleRequest(
            @NotBlank @Size(max = 32) String channel,
            @NotBlank @Size(max = 200) String handle) {
        ChannelHandle toHandle() {
            return new ChannelHandle(channel, handle);
        }
    }

    record CreateContactRequest(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 200) String company,
            @Size(max = 20) List<@NotNull @Size(max = 254) String> emails,
            @Size(max = 20) List<@NotNull @Size(max = 40) String> phones,
            @Valid AddressRequest address,
            @Size(max = 35) String locale,
            @Size(max = 40) String stage,
            UUID ownerId,
            @Size(max = 100) String source,
            @Size(max = 10) List<@NotNull @Valid ConsentRequest> consents,
            @Size(max = 50) List<@NotNull @Size(max = 50) String> tags,
            @Size(max = 100) Map<@Size(max = 50) String, Object> customFields,
            UUID customerAccountId,
            @Size(max = 20) List<@NotNull @Valid ChannelHandleRequest> channelHandles) {}

    record UpdateContactRequest(
            @Size(min = 1, max = 200) String name,
            @Size(max = 200) String company,
            @Size(max = 20) List<@NotNull @Size(max = 254) String> emails,
            @Size(max = 20) List<@NotNull @Size(max = 40) String> phones,
            @Valid AddressRequest address,
            @Size(max = 35) String locale,
            @Size(max = 40) String stage,
            UUID ownerId,
            Boolean removeOwner,
            @Size(max = 100) String source,
            @Size(max = 10) List<@NotNull @Valid ConsentRequest> consents,
            @Size(max = 50) List<@NotNull @Size(max = 50) String> tags,
            @Size(max = 100) Map<@Size(max = 50) String, Object> customFields,
            UUID customerAccountId,
            @Size(max = 20) List<@NotNull @Valid ChannelHandleRequest> channelHandles) {

        UpdateContactCommand toCommand(ContactId contact, Long expectedVersion) {
            return new UpdateContactCommand(
                    contact,
                    expectedVersion,
                    name,
                    company,
                    emails,
                    phones,
                    address == null ? null : address.toAddress(),
                    locale,
                    stage,
                    ownerId == null ? null : new UserId(ownerId),
                    Boolean.TRUE.equals(removeOwner),
                    source,
                    map(consents, ConsentRequest::toConsent),
                    tags,
                    customFields,
                    customerAccountId == null ? null : new UserId(customerAccountId),
                    map(channelHandles, ChannelHandleRequest::toHandle));
        }
    }

    record MergeRequest(@NotNull UUID duplicateId) {}

    record TagRequest(@NotBlank @Size(max = 50) String tag) {}

    record NoteRequest(@NotBlank @Size(max = 5000) String text) {}

    /**
     * Creates a contact; {@code 409 duplicate_contact} with {@code existingContactId} when one of its
     * e-mail addresses, phones or handles belongs to another contact already.
     */
    @CommandEndpoint(representation = ContactResponse.class, creates = true)
    @PostMapping
    ResponseEntity<Object> create(@Valid @RequestBody CreateContactRequest body, CommandHeaders headers) {
        ContactId id = ContactId.random();
        CreateContactCommand command = new CreateContactCommand(
                id,
                body.name(),
                body.company(),
                body.emails(),
                body.phones(),
                body.address() == null ? null : body.address().toAddress(),
                body.locale(),
                body.stage(),
                body.ownerId() == null ? null : new UserId(body.ownerId()),
                body.source(),
                map(body.consents(), ConsentRequest::toConsent),
                body.tags(),
                body.customFields(),
                body.customerAccountId() == null ? null : new UserId(body.customerAccountId()),
                map(body.channelHandles(), ChannelHandleRequest::toHandle));
        try {
            return contacts.create(id, command, headers);
        } catch (CommandExecutionException e) {
            Optional<ContactId> existing = duplicate(e).flatMap(detail -> existing(command));
            if (existing.isEmpty()) {
                throw e;
            }
            ProblemDetail problem =
                    Problems.of(ErrorCode.DUPLICATE_CONTACT, duplicate(e).get());
            problem.setProperty("existingContactId", existing.get().value());
            return ResponseEntity.status(ErrorStatus.of(ErrorCode.DUPLICATE_CONTACT))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
    }

    @CommandEndpoint(representation = ContactResponse.class)
    @PatchMapping("/{id}")
    ResponseEntity<Object> update(
            @PathVariable UUID id, @Valid @RequestBody UpdateContactRequest body, CommandHeaders headers) {
        return contacts.transition(id, headers, body::toCommand);
    }

    @CommandEndpoint(representation = ContactResponse.class)
    @PostMapping("/{id}/archive")
    ResponseEntity<Object> archive(@PathVariable UUID id, CommandHeaders headers) {
        return contacts.transition(id, headers, ArchiveContactCommand::new);
    }

    @CommandEndpoint(representation = ContactResponse.class)
    @PostMapping("/{id}/restore")
    ResponseEntity<Object> restore(@PathVariable UUID id, CommandHeaders headers) {
        return contacts.transition(id, headers, RestoreContactCommand::new);
    }

    /** Merges {@code duplicateId} into this contact, which survives; the duplicate then points here. */
    @CommandEndpoint(representation = ContactResponse.class)
    @PostMapping("/{id}/merge")
    ResponseEntity<Object> merge(@PathVariable UUID id, @Valid @RequestBody MergeRequest body, CommandHeaders headers) {
        return contacts.transition(
                id,
                headers,
                (contact, version) -> new MergeContactCommand(contact, version, new ContactId(body.duplicateId())));
    }

    @CommandEndpoint(representation = ContactResponse.class)
    @PostMapping("/{id}/tags")
    ResponseEntity<Object> tag(@PathVariable UUID id, @Valid @RequestBody TagRequest body, CommandHeaders headers) {
        return contacts.transition(
                id, headers, (contact, version) -> new TagContactCommand(contact, version, body.tag()));
    }

    @CommandEndpoint(representation = ContactResponse.class)
    @DeleteMapping("/{id}/tags/{tag}")
    ResponseEntity<Object> untag(
            @PathVariable UUID id, @PathVariable @Size(max = 50) String tag, CommandHeaders headers) {
        return contacts.transition(id, headers, (contact, version) -> new UntagContactCommand(contact, version, tag));
    }

    @CommandEndpoint(representation = ContactResponse.class)
    @PostMapping("/{id}/notes")
    ResponseEntity<Object> note(@PathVariable UUID id, @Valid @RequestBody NoteRequest body, CommandHeaders headers) {
        return contacts.transition(
                id, headers, (contact, version) -> new AddContactNoteCommand(contact, UUID.randomUUID(), body.text()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, CommandHeaders headers) {
        return contacts.remove(id, headers, DeleteContactCommand::new);
    }

    private static Optional<String> duplicate(CommandExecutionException e) {
        return e.getDetails()
                .filter(ErrorDetails.class::isInstance)
                .map(ErrorDetails.class::cast)
                .filter(d -> d.code() == ErrorCode.DUPLICATE_CONTACT)
                .map(ErrorDetails::detail);
    }

    /** Who holds what the refused contact would have: the contact that won, committed by now. */
    private Optional<ContactId> existing(CreateContactCommand command) {
        String region = command.address() == null ? null : command.address().country();
        return reads.execute(tx -> first(command.emails(), directory::byEmail)
                .or(() -> first(command.phones(), phone -> directory.byPhone(phone, region)))
                .or(() -> first(command.channelHandles(), directory::byChannelHandle))
                .or(() -> directory.byCustomerAccount(command.customerAccountId())));
    }

    private static <T> Optional<ContactId> first(List<T> values, Function<T, Optional<ContactId>> lookup) {
        return values == null
                ? Optional.empty()
                : values.stream().map(lookup).flatMap(Optional::stream).findFirst();
    }

    private static <T, R> List<R> map(List<T> values, Function<T, R> each) {
        return values == null ? null : values.stream().map(each).toList();
    }
}
