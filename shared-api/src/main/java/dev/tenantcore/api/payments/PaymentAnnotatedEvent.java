package dev.tenantcore.api.payments;

import org.axonframework.serialization.Revision;

/** Staff's reference and note as they now stand (null: none); customers never see the note. */
@Revision("1")
public record PaymentAnnotatedEvent(PaymentId paymentId, String reference, String note) {}
