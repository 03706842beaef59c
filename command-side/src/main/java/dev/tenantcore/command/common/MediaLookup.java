package dev.tenantcore.command.common;

import dev.tenantcore.api.media.MediaId;
import java.util.Optional;
import java.util.Set;

/**
 * The files each tenant stores, as the command side knows them: a command-side lookup written by the
 * Media aggregate in the same transaction as its events, so a command that names a file (a tenant's
 * logo) decides from committed history and never from the lagging media read model. Every method
 * works in the command's tenant only: another tenant's file is indistinguishable from a missing one.
 */
public interface MediaLookup {

    /** Types that browsers render as images and that the image endpoint can resize. */
    Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif");

    /** The file is stored, with the type sniffed from its bytes. */
    void stored(MediaId media, String contentType);

    /** The file is deleted. */
    void deleted(MediaId media);

    /** The sniffed type of the command's tenant's file, or empty when the tenant has no such file. */
    Optional<String> contentType(MediaId media);

    static boolean image(String contentType) {
        return contentType != null && IMAGE_TYPES.contains(contentType);
    }
}
