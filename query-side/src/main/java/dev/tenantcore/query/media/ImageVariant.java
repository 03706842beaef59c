package dev.tenantcore.query.media;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import java.util.Set;

/**
 * A resized copy of an image that the endpoint may make, from a small allow-list: a few widths and
 * heights, two ways to fit, two formats. The list is short on purpose: every allowed combination
 * is one more object per image in storage, and an open list would let anyone fill it.
 */
record ImageVariant(Integer width, Integer height, String fit, String format) {

    static final Set<Integer> SIZES = Set.of(32, 64, 128, 256, 384, 512, 768, 1024, 1536, 2048);
    static final Set<String> FITS = Set.of("contain", "cover");
    static final Set<String> FORMATS = Set.of("jpeg", "png");

    /** The variant the parameters ask for, or null for the original; refuses what is not on the list. */
    static ImageVariant of(Integer width, Integer height, String fit, String format, String originalType) {
        if (width == null && height == null && fit == null && format == null) {
            return null;
        }
        if (!ImageTypes.RESIZABLE.contains(originalType)) {
            throw invalid("only JPEG, PNG and GIF images have resized variants");
        }
        if (width != null && !SIZES.contains(width)) {
            throw invalid("w must be one of " + sorted());
        }
        if (height != null && !SIZES.contains(height)) {
            throw invalid("h must be one of " + sorted());
        }
        if (fit != null && !FITS.contains(fit)) {
            throw invalid("fit must be contain or cover");
        }
        if (format != null && !FORMATS.contains(format)) {
            throw invalid("format must be jpeg or png");
        }
        if ("cover".equals(fit) && (width == null || height == null)) {
            throw invalid("fit=cover needs both w and h");
        }
        return new ImageVariant(
                width,
                height,
                fit == null ? "contain" : fit,
                format != null ? format : originalType.equals("image/jpeg") ? "jpeg" : "png");
    }

    /** Its object's name beside the original, e.g. {@code 256x0-contain.jpeg}: one per combination. */
    String objectName() {
        return (width == null ? 0 : width) + "x" + (height == null ? 0 : height) + "-" + fit + "." + format;
    }

    String contentType() {
        return "image/" + format;
    }

    private static String sorted() {
        return SIZES.stream().sorted().toList().toString();
    }

    private static DomainException invalid(String message) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, message);
    }
}
