package dev.tenantcore.api.media;

import java.util.Map;

/**
 * A file as another resource shows it: its id, where storefronts load it (relative to the API,
 * with {@code w}, {@code h}, {@code fit} and {@code format} for a resized variant), and its
 * alternative texts by locale.
 */
public record MediaLink(MediaId id, String url, Map<String, String> alt) {

    /** Where the image endpoint serves a file: the same for every tenant, which the domain selects. */
    public static String url(MediaId id) {
        return "/api/v1/public/media/" + id;
    }

    public static MediaLink of(MediaId id, Map<String, String> alt) {
        return new MediaLink(id, url(id), alt == null ? Map.of() : alt);
    }
}
