package dev.tenantcore.query.media;

import java.util.Set;

/** How each stored type is served. */
final class ImageTypes {

    /** Shown inline and resizable. */
    static final Set<String> RESIZABLE = Set.of("image/jpeg", "image/png", "image/gif");

    private ImageTypes() {}

    /**
     * Whether a type is served inline. SVG is never: it may carry script, which a browser runs when
     * it opens the file on the API's origin; it and PDF are served as downloads.
     */
    static boolean inline(String contentType) {
        return RESIZABLE.contains(contentType);
    }

    static String extension(String contentType) {
        return switch (contentType) {
            case "image/jpeg" -> "jpg";
            case "image/png" -> "png";
            case "image/gif" -> "gif";
            case "image/svg+xml" -> "svg";
            case "application/pdf" -> "pdf";
            default -> "bin";
        };
    }
}
