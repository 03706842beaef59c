package dev.tenantcore.api.crm.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Disconnects a channel: its secrets are erased, its deliveries refused; conversations stay. */
public record DisconnectChannelCommand(
        @TargetAggregateIdentifier ChannelId channelId) {}
