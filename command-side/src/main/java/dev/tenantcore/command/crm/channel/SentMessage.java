package dev.tenantcore.command.crm.channel;

/** The provider took the message, and knows it by {@code providerMessageId}. */
public record SentMessage(String providerMessageId) {}
