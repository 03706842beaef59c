/**
 * API keys: long-lived credentials with which a tenant's servers call the API without a person
 * signing in. The secret itself never travels in a message; only its SHA-256 hash does.
 */
package dev.tenantcore.api.apikeys;
