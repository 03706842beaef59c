package dev.tenantcore.api.crm;

/** A tag and how many active contacts carry it. */
public record ContactTag(String tag, long contacts) {}
