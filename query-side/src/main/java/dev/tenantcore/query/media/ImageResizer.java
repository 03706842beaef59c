package dev.tenantcore.query.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.geometry.Positions;

/** Makes a variant's bytes from the original's, with Thumbnailator. */
final class ImageResizer {

    private ImageResizer() {}

    static void resize(InputStream original, ImageVariant variant, OutputStream out) throws IOException {
        Thumbnails.Builder<? extends InputStream> image = Thumbnails.of(original);
        if (variant.width() != null && variant.height() != null) {
            image.size(variant.width(), variant.height());
            if (variant.fit().equals("cover")) {
                image.crop(Positions.CENTER);
            }
        } else if (variant.width() != null) {
            image.width(variant.width());
        } else if (variant.height() != null) {
            image.height(variant.height());
        } else {
            image.scale(1.0);
        }
        if (variant.format().equals("jpeg")) {
            // JPEG has no alpha channel: draw a transparent PNG or GIF onto an opaque image first.
            image.imageType(BufferedImage.TYPE_INT_RGB).outputQuality(0.85);
        }
        image.outputFormat(variant.format()).toOutputStream(out);
    }
}
