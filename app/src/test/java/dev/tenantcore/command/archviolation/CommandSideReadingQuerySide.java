package dev.tenantcore.command.archviolation;

import dev.tenantcore.query.archviolation.QuerySideReadingCommandSide;

/** Breaks the module rules on purpose, so ArchitectureTest can show each rule failing. Test code only. */
public class CommandSideReadingQuerySide {
    QuerySideReadingCommandSide reader;
}
