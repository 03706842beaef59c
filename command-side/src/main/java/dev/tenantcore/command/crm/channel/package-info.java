/**
 * The messaging channels' drivers behind one SPI ({@link dev.tenantcore.command.crm.channel.ChannelDriver}),
 * one sub-package per service, and the tenant's connected channels: their settings, secrets in the
 * credential store, inbound webhooks per channel endpoint, and sending after the transaction.
 */
package dev.tenantcore.command.crm.channel;
