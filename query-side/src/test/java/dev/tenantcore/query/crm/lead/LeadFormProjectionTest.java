package dev.tenantcore.query.crm.lead;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.crm.lead.FindLeadFormByKeyQuery;
import dev.tenantcore.api.crm.lead.FindLeadFormQuery;
import dev.tenantcore.api.crm.lead.LeadFieldType;
import dev.tenantcore.api.crm.lead.LeadFormCreatedEvent;
import dev.tenantcore.api.crm.lead.LeadFormDeletedEvent;
import dev.tenantcore.api.crm.lead.LeadFormField;
import dev.tenantcore.api.crm.lead.LeadFormId;
import dev.tenantcore.api.crm.lead.LeadFormResponse;
import dev.tenantcore.api.crm.lead.LeadFormUpdatedEvent;
import dev.tenantcore.api.crm.lead.ListLeadFormsQuery;
import dev.tenantcore.query.support.History;
import dev.tenantcore.query.support.ProjectionContract;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The lead form projection")
class LeadFormProjectionTest extends ProjectionContract<LeadFormProjection> {

    private static final LeadFormField EMAIL =
            new LeadFormField("email", "Email", LeadFieldType.EMAIL, true, List.of());
    private static final LeadFormField SIZE =
            new LeadFormField("size", "Size", LeadFieldType.CHOICE, false, List.of("s", "l"));

    private final LeadFormId contact = new LeadFormId(id());
    private final LeadFormId removed = new LeadFormId(id());

    LeadFormProjectionTest() {
        super(LeadFormProjection::new, "lead_forms");
    }

    @Override
    protected History history(TenantId tenant) {
        return new History(tenant)
                .of(
                        contact,
                        new LeadFormCreatedEvent(
                                contact, tenant, "contact", "Contact", List.of(EMAIL), List.of(), "OK?"),
                        new LeadFormUpdatedEvent(contact, "Contact us", List.of(EMAIL), List.of(SIZE), null))
                .of(
                        removed,
                        new LeadFormCreatedEvent(removed, tenant, "old", "Old", List.of(EMAIL), List.of(), null),
                        new LeadFormDeletedEvent(removed, "old"));
    }

    @Test
    @DisplayName("answers each tenant with its own forms, by id and by key")
    void answersEachTenant() {
        LeadFormResponse found = ask(first, p -> p.handle(new FindLeadFormQuery(contact)));
        assertThat(found.name()).isEqualTo("Contact us");
        assertThat(found.questions()).containsExactly(SIZE);
        assertThat(found.consentText()).isNull();
        assertThat(found.version()).isEqualTo(1);
        assertThat(ask(second, p -> p.handle(new FindLeadFormByKeyQuery("contact")))
                        .id())
                .isEqualTo(contact);
        LeadFormResponse gone = ask(second, p -> p.handle(new FindLeadFormByKeyQuery("old")));
        assertThat(gone).isNull();
        assertThat(ask(first, p -> p.handle(new ListLeadFormsQuery(10, null))).items())
                .extracting(LeadFormResponse::id)
                .containsExactly(contact);
    }
}
