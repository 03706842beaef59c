package dev.tenantcore.api.crm.lead;

import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.PersonalData;
import dev.tenantcore.api.common.TenantId;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * A visitor submitted a public form. Carries everything a confirmation to the visitor and a
 * notification to staff need: the contact details picked from the form's fields (the first email
 * and phone field, and the fields keyed {@code name} and {@code message}), every value as given,
 * and the consent with its text, null when the form asks for none.
 */
@Revision("1")
public record LeadSubmittedEvent(
        LeadId leadId,
        TenantId tenantId,
        LeadFormId formId,
        String formKey,

        @PersonalData(subject = DataSubject.LEAD, id = "leadId")
        String name,

        @PersonalData(subject = DataSubject.LEAD, id = "leadId")
        String email,

        @PersonalData(subject = DataSubject.LEAD, id = "leadId")
        String phone,

        @PersonalData(subject = DataSubject.LEAD, id = "leadId")
        String message,

        @PersonalData(subject = DataSubject.LEAD, id = "leadId")
        Map<String, String> fields,

        @PersonalData(subject = DataSubject.LEAD, id = "leadId")
        Map<String, String> answers,

        LeadConsent consent) {}
