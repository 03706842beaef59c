package dev.tenantcore.command.crm;

import java.util.Map;

/** Queues a mail to a contact in the current command's transaction, once per key. */
interface ContactMail {

    /** Refuses a template that is not one of the product's with {@code invalid_rule_action}. */
    void queue(String key, String template, String recipient, String locale, Map<String, Object> model);
}
