package dev.tenantcore.command.contextviolation.common;

/** What contexts share, which every context may use. Test code only. */
public class SharedPiece {}
