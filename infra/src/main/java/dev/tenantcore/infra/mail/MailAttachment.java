package dev.tenantcore.infra.mail;

/** A file sent with a mail. */
public record MailAttachment(String filename, String contentType, byte[] content) {}
