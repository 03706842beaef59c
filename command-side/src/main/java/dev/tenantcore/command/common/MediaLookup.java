package dev.tenantcore.command.common;

import dev.tenantcore.api.media.MediaEntityType;
import dev.tenantcore.api.media.MediaId;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The files each tenant stores, as the command side knows them: a command-side lookup written by the
 * Media aggregate in the same transaction as its events, so a command that names a file (a tenant's
 * logo) decides from committed history and never from the lagging media read model. Every method
 * works in the command's tenant only: another tenant's file is indistinguishable from a missing one.
 *
 * <p>It also knows what shows a file by its id outside the file's own attachment (a tenant's logo),
 * written by the command that sets the reference: a file something still shows is never deleted,
 * and no reference is ever left naming a deleted file. {@link #show} and {@link #usedBy} both lock
 * the file until the transaction ends, so a deletion and a new reference at the same moment are
 * decided one after the other, whichever order they commit in.
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

    /** Something that shows a file by its id: a kind (the tenant's logo) and the referrer's id. */
    record Referrer(MediaEntityType kind, UUID id) {}

    /**
     * {@code referrer} now shows {@code media} of the command's tenant instead of what it showed
     * before; null: it shows none. False, recording nothing, when the tenant has no such file (any
     * more): a deletion committed first.
     */
    boolean show(Referrer referrer, MediaId media);

    /**
     * What shows the command's tenant's file, if anything. The file then stays as it is until the
     * transaction ends: a reference set at the same moment waits for this decision, and finds the
     * file gone when the deletion commits.
     */
    Optional<Referrer> usedBy(MediaId media);

    static boolean image(String contentType) {
        return contentType != null && IMAGE_TYPES.contains(contentType);
    }
}
