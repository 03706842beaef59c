/**
 * API keys for server-to-server calls: the {@code ApiKey} aggregate and the owner's endpoints to
 * create and revoke keys. The secret is generated at the edge, shown once and stored nowhere; the
 * aggregate knows only its hash.
 */
package dev.tenantcore.command.apikeys;
