/**
 * Secrets at rest: tenants' secrets (provider keys today; mail senders and messaging channels next),
 * each filed under a scope such as {@code payments.stripe} and a name, and the platform's own (the
 * token signing keys, through {@code PlatformSecrets}), all AES-256-GCM-encrypted under one
 * rotatable key ring. What a secret configures is recorded elsewhere, in events; the values live
 * only here.
 */
package dev.tenantcore.infra.credentials;
