/** Encryption of tenant secrets at rest under the platform's master key. */
package dev.tenantcore.infra.secrets;
