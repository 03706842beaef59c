package dev.tenantcore.command.crm.lead;

import dev.tenantcore.api.crm.lead.LeadFieldType;
import dev.tenantcore.api.crm.lead.LeadFormField;
import dev.tenantcore.api.crm.lead.LeadFormId;
import java.util.List;
import java.util.Optional;

/** A form as a submission is checked against it. A null consent text: the form asks for no consent. */
record LeadFormDefinition(
        LeadFormId id, String key, List<LeadFormField> fields, List<LeadFormField> questions, String consentText) {

    Optional<LeadFormField> field(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    Optional<LeadFormField> question(String key) {
        return questions.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    /** The first field of {@code type}: where a lead's email or phone comes from. */
    Optional<String> firstOf(LeadFieldType type) {
        return fields.stream()
                .filter(f -> f.type() == type)
                .map(LeadFormField::key)
                .findFirst();
    }
}
