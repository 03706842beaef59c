package dev.tenantcore.query.crm.lead;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.lead.FindLeadQuery;
import dev.tenantcore.api.crm.lead.LeadConsent;
import dev.tenantcore.api.crm.lead.LeadContactedEvent;
import dev.tenantcore.api.crm.lead.LeadConvertedEvent;
import dev.tenantcore.api.crm.lead.LeadDeletedEvent;
import dev.tenantcore.api.crm.lead.LeadFormId;
import dev.tenantcore.api.crm.lead.LeadId;
import dev.tenantcore.api.crm.lead.LeadNote;
import dev.tenantcore.api.crm.lead.LeadNoteAddedEvent;
import dev.tenantcore.api.crm.lead.LeadOwnerAssignedEvent;
import dev.tenantcore.api.crm.lead.LeadPage;
import dev.tenantcore.api.crm.lead.LeadQualifiedEvent;
import dev.tenantcore.api.crm.lead.LeadRejectedEvent;
import dev.tenantcore.api.crm.lead.LeadResponse;
import dev.tenantcore.api.crm.lead.LeadStatus;
import dev.tenantcore.api.crm.lead.LeadSubmittedEvent;
import dev.tenantcore.api.crm.lead.LeadUpdatedEvent;
import dev.tenantcore.api.crm.lead.ListLeadsQuery;
import dev.tenantcore.query.support.History;
import dev.tenantcore.query.support.ProjectionContract;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The lead projection")
class LeadProjectionTest extends ProjectionContract<LeadProjection> {

    private final LeadFormId form = new LeadFormId(id());
    private final LeadId converted = new LeadId(id());
    private final LeadId rejected = new LeadId(id());
    private final LeadId deleted = new LeadId(id());
    private final UserId bob = new UserId(id());
    private final ContactId contact = new ContactId(id());

    LeadProjectionTest() {
        super(LeadProjection::new, "leads", "lead_notes");
    }

    private LeadSubmittedEvent submitted(LeadId lead, TenantId tenant, String email) {
        return new LeadSubmittedEvent(
                lead,
                tenant,
                form,
                "contact",
                "Ann",
                email,
                null,
                "Call me",
                Map.of("name", "Ann", "email", email),
                Map.of("budget", "large"),
                new LeadConsent("You may contact me.", Instant.parse("2026-12-03T12:00:00Z")));
    }

    @Override
    protected History history(TenantId tenant) {
        return new History(tenant)
                .by(bob.value())
                .of(
                        converted,
                        submitted(converted, tenant, "ann@example.com"),
                        new LeadOwnerAssignedEvent(converted, bob),
                        new LeadNoteAddedEvent(converted, "Called", bob),
                        new LeadUpdatedEvent(converted, "Ann Lee", "ann@example.com", "+34612345678", "Call me"),
                        new LeadContactedEvent(converted),
                        new LeadQualifiedEvent(converted),
                        new LeadConvertedEvent(converted, contact, true))
                .of(rejected, submitted(rejected, tenant, "bob@example.com"), new LeadRejectedEvent(rejected, "spam"))
                .of(
                        deleted,
                        submitted(deleted, tenant, "gone@example.com"),
                        new LeadNoteAddedEvent(deleted, "Spam", bob),
                        new LeadDeletedEvent(deleted));
    }

    @Test
    @DisplayName("answers each tenant with its own leads, their notes, owner, consent and contact")
    void answersEachTenant() {
        LeadResponse found = ask(first, p -> p.handle(new FindLeadQuery(converted)));
        assertThat(found.status()).isEqualTo(LeadStatus.CONVERTED);
        assertThat(found.name()).isEqualTo("Ann Lee");
        assertThat(found.phone()).isEqualTo("+34612345678");
        assertThat(found.ownerId()).isEqualTo(bob);
        assertThat(found.contactId()).isEqualTo(contact);
        assertThat(found.consentText()).isEqualTo("You may contact me.");
        assertThat(found.consentGivenAt()).isEqualTo(Instant.parse("2026-12-03T12:00:00Z"));
        assertThat(found.answers()).containsEntry("budget", "large");
        assertThat(found.notes())
                .extracting(LeadNote::text, LeadNote::authorId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Called", bob));
        assertThat(found.version()).isEqualTo(6);

        LeadPage rejectedOnly =
                ask(second, p -> p.handle(new ListLeadsQuery(LeadStatus.REJECTED, null, null, null, null, 10, null)));
        assertThat(rejectedOnly.items()).extracting(LeadResponse::id).containsExactly(rejected);
        assertThat(rejectedOnly.items().get(0).rejectionReason()).isEqualTo("spam");
        LeadPage owned = ask(first, p -> p.handle(new ListLeadsQuery(null, bob, form, null, null, 10, null)));
        assertThat(owned.items()).extracting(LeadResponse::id).containsExactly(converted);
        LeadResponse gone = ask(first, p -> p.handle(new FindLeadQuery(deleted)));
        assertThat(gone).isNull();
    }
}
