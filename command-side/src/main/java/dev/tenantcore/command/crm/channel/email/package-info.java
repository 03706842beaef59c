/**
 * Email as a conversation channel: customers' mail fetched from the channel's IMAP mailbox by a
 * polling task per channel, replies sent through the tenant's own mail sender, threads kept by
 * {@code Message-ID}, {@code In-Reply-To} and {@code References}.
 */
package dev.tenantcore.command.crm.channel.email;
