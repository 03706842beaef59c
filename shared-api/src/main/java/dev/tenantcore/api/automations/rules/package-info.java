/**
 * Automation rules: a trigger (a published event type), an optional CEL condition over the event's
 * envelope, and the actions a match runs. Rules are event-sourced; their runs are recorded per
 * (rule, triggering event).
 */
package dev.tenantcore.api.automations.rules;
