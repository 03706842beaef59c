package dev.tenantcore.command.media;

import dev.tenantcore.api.media.MediaAttachment;
import dev.tenantcore.command.common.MediaLookup;
import dev.tenantcore.command.common.Rules;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** What a file, its attachment and its alternative texts must be, whoever sends the command. */
final class MediaRules {

    /** Types that browsers render as images and that the image endpoint can resize. */
    static final Set<String> IMAGES = MediaLookup.IMAGE_TYPES;

    /** Also accepted, but never shown on an entity and always served as a download. */
    static final Set<String> DOCUMENTS = Set.of("image/svg+xml", "application/pdf");

    static final int MAX_POSITION = 10_000;
    private static final Pattern LOCALE = Pattern.compile("^[a-z]{2,3}(?:-[A-Z]{2})?$");
    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

    private MediaRules() {}

    static boolean accepted(String contentType) {
        return IMAGES.contains(contentType) || DOCUMENTS.contains(contentType);
    }

    static String sha256(String value) {
        if (value == null || !SHA256.matcher(value).matches()) {
            throw Rules.invalid("sha256 must be 64 lower-case hex digits");
        }
        return value;
    }

    /** An attachment where an image is expected: only an image may be shown on an entity. */
    static MediaAttachment attachment(MediaAttachment given, String contentType) {
        if (given == null) {
            return null;
        }
        if (given.entityType() == null || given.entityId() == null) {
            throw Rules.invalid("an attachment names its entityType and entityId");
        }
        if (given.position() < 0 || given.position() > MAX_POSITION) {
            throw Rules.invalid("position must be between 0 and " + MAX_POSITION);
        }
        if (!IMAGES.contains(contentType)) {
            throw Rules.invalid("only a JPEG, PNG or GIF image can be shown on a "
                    + given.entityType().wireName());
        }
        return given;
    }

    static Map<String, String> alt(Map<String, String> given) {
        if (given == null) {
            return Map.of();
        }
        if (given.size() > 20) {
            throw Rules.invalid("alt may hold at most 20 locales");
        }
        given.forEach((locale, text) -> {
            if (locale == null || !LOCALE.matcher(locale).matches()) {
                throw Rules.invalid("alt keys are locales such as en, es or pt-BR");
            }
            if (text == null || text.length() > 500) {
                throw Rules.invalid("alt texts must be at most 500 characters");
            }
        });
        return Map.copyOf(given);
    }

    /** Why a file something shows cannot be deleted, naming what shows it. */
    static String inUse(MediaLookup.Referrer referrer) {
        String what = switch (referrer.kind()) {
            case TENANT_LOGO -> "the shop's logo";
            case TENANT_HERO -> "the shop's hero image";
            case TENANT_BANNER -> "the shop's banner";
            case PRODUCT -> "shown on product " + referrer.id();
            case CATEGORY -> "shown on category " + referrer.id();
        };
        return "This file is " + what + " (" + referrer.kind().wireName()
                + "); choose another or remove it there before deleting the file.";
    }
}
