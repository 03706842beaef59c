/**
 * Tenants' secrets at rest (provider keys today; mail senders and messaging channels next), each
 * filed under a scope such as {@code payments.stripe} and a name, AES-256-GCM-encrypted under a
 * rotatable key ring. What a secret configures is recorded elsewhere, in events; the values live
 * only here.
 */
package dev.tenantcore.infra.credentials;
