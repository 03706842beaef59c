package dev.tenantcore.infra.mail;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import java.util.Arrays;

/** The mails the product sends; each has a built-in Spanish and English version. */
public enum MailTemplate {
    LEAD_CONFIRMATION("lead_confirmation"),
    LEAD_NOTIFICATION("lead_notification"),
    PASSWORD_RESET("password_reset"),
    EMAIL_VERIFICATION("email_verification"),
    ORDER_CONFIRMATION("order_confirmation"),
    PAYMENT_RECEIPT("payment_receipt"),
    INVOICE_ISSUED("invoice_issued"),
    ORDER_SHIPPED("order_shipped"),
    TEST("test"),
    /** To the tenant's owners: an outbound webhook endpoint that kept failing was switched off. */
    WEBHOOK_ENDPOINT_DISABLED("webhook_endpoint_disabled");

    private final String wireName;

    MailTemplate(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static MailTemplate fromWireName(String name) {
        return Arrays.stream(values())
                .filter(t -> t.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "The resource does not exist."));
    }
}
