package dev.tenantcore.api.crm.lead;

import java.util.List;

/**
 * One field of a form, or one qualification question: the key the visitor's value comes under,
 * the label shown, its type, whether it must be answered, and for {@code choice} the options.
 */
public record LeadFormField(String key, String label, LeadFieldType type, boolean required, List<String> options) {}
