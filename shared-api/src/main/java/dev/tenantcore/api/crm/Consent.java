package dev.tenantcore.api.crm;

import java.time.Instant;

/**
 * A contact's answer for one {@link ConsentPurpose}: whether it was given, when, and how (the form,
 * the wording shown, "imported", "told the owner on the phone").
 */
public record Consent(ConsentPurpose purpose, boolean granted, Instant at, String how) {}
