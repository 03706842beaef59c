/**
 * Messages of the media context: files a tenant uploads (catalogue images, logos, banners), kept in
 * object storage and attached to the entity that shows them.
 */
package dev.tenantcore.api.media;
