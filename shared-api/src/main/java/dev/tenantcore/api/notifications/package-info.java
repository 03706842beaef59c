/** A tenant's mail sender: its settings change by command, and each change is an event. */
package dev.tenantcore.api.notifications;
