package dev.tenantcore.query.contextviolation.support;

/** What query contexts share, which every context may use. Test code only. */
public class SupportPiece {}
