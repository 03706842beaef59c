/** User accounts: staff, customers and platform administrators. Passwords travel only as hashes. */
package dev.tenantcore.api.identity;
