/**
 * The media context's read side: the {@code media} read model, staff's reads of it, and the public
 * image endpoint that serves a tenant's own stored files and their resized variants.
 */
package dev.tenantcore.query.media;
