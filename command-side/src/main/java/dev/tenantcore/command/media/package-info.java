/**
 * The media context's command side: the {@link dev.tenantcore.command.media.Media} aggregate, the
 * upload pipeline that stores a file before its aggregate records it ({@code MediaUploads}), the
 * per-tenant quota kept in the command transaction, and the removal of stored objects once a
 * deletion is committed.
 */
package dev.tenantcore.command.media;
