package dev.tenantcore.api.crm;

/**
 * How a contact is reached on a messaging channel: {@code channel} is its lower-case name
 * ({@code whatsapp}, {@code telegram}, …) and {@code handle} the contact's address there (a phone
 * number in E.164, a user id).
 */
public record ChannelHandle(String channel, String handle) {}
