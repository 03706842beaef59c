package dev.tenantcore.api.crm.conversation;

import java.util.List;

/**
 * An approved message template (WhatsApp): its {@code name}, {@code language} code (e.g. {@code en_US})
 * and the body's parameters in order, if any.
 */
public record MessageTemplate(String name, String language, List<String> parameters) {}
