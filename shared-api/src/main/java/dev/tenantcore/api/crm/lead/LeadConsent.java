package dev.tenantcore.api.crm.lead;

import java.time.Instant;

/** The consent a visitor gave: the exact text the form showed, and when the submission arrived. */
public record LeadConsent(String text, Instant givenAt) {}
