package dev.tenantcore.api.media;

import java.util.Map;
import org.axonframework.serialization.Revision;

/** The file's alternative texts and attachment after the change (a null attachment: shown nowhere). */
@Revision("1")
public record MediaUpdatedEvent(MediaId mediaId, MediaAttachment attachment, Map<String, String> alt) {}
