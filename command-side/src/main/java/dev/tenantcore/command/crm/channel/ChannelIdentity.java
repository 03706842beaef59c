package dev.tenantcore.command.crm.channel;

/** Who a channel's credentials are at the provider: its own id and a name to show (a bot's username, a number). */
public record ChannelIdentity(String id, String displayName) {}
