package dev.tenantcore.query.archviolation;

import dev.tenantcore.command.archviolation.CommandSideReadingQuerySide;

/** Breaks the module rules on purpose, so ArchitectureTest can show each rule failing. Test code only. */
public class QuerySideReadingCommandSide {
    CommandSideReadingQuerySide writer;
}
