/**
 * Conversations with customers over messaging channels (Telegram, WhatsApp, …): the channels a
 * tenant connected, one conversation per channel user, its messages in and out with their delivery
 * statuses, and private notes between staff. Channel secrets never appear in these messages.
 */
package dev.tenantcore.api.crm.conversation;
