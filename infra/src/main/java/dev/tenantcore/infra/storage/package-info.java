/**
 * Object storage for tenants' files: one interface, {@link dev.tenantcore.infra.storage.ObjectStorage},
 * with a local directory (the default, so the first command needs nothing) and any S3-compatible
 * service (AWS, DigitalOcean Spaces, Cloudflare R2, MinIO) behind it. Every key of a tenant's file
 * starts with {@code tenants/{tenantId}/}.
 */
package dev.tenantcore.infra.storage;
