/**
 * User accounts: staff, customers and platform administrators. Passwords travel only as hashes,
 * except the current password that proves a user's own change, which is checked and never recorded;
 * password reset tokens travel only as SHA-256 hashes.
 */
package dev.tenantcore.api.identity;
