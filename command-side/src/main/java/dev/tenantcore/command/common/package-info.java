/** What every bounded context of the command side shares: tenant ownership, unique keys, input rules, responses. */
package dev.tenantcore.command.common;
