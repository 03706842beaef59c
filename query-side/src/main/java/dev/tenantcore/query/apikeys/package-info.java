/**
 * Read model of the API keys ({@code api_keys}, protected by row-level security): the owners'
 * list, and the per-request lookup behind API key authentication (infra's
 * {@code ApiKeyCredentials} port). Its processor is subscribing, so the table changes in the same
 * transaction as the key's events and a revoked key fails on the very next request.
 */
package dev.tenantcore.query.apikeys;
