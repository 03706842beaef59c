package dev.tenantcore.command.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Stripping a JPEG's metadata")
class JpegMetadataTest {

    /** A JPEG as a phone writes it: an EXIF segment with a GPS position right after the start. */
    static byte[] photoWithGps() throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "jpeg", plain);
        byte[] jpeg = plain.toByteArray();
        byte[] exif =
                "Exif\0\0GPSLatitude=40.4168;GPSLongitude=-3.7038;Make=PhoneCo".getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xE1); // APP1
        out.write((exif.length + 2) >> 8);
        out.write((exif.length + 2) & 0xFF);
        out.write(exif);
        out.write(0xFF);
        out.write(0xFE); // a comment
        byte[] comment = "taken at home".getBytes(StandardCharsets.ISO_8859_1);
        out.write((comment.length + 2) >> 8);
        out.write((comment.length + 2) & 0xFF);
        out.write(comment);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    @Test
    @DisplayName("removes the EXIF segment with its GPS position and the comments, and leaves a readable image")
    void stripsExifAndGps() throws IOException {
        byte[] photo = photoWithGps();
        assertThat(new String(photo, StandardCharsets.ISO_8859_1)).contains("GPSLatitude");

        ByteArrayOutputStream stripped = new ByteArrayOutputStream();
        JpegMetadata.strip(new ByteArrayInputStream(photo), stripped);

        String text = new String(stripped.toByteArray(), StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("Exif").doesNotContain("GPS").doesNotContain("taken at home");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(stripped.toByteArray()));
        assertThat(image.getWidth()).isEqualTo(40);
        assertThat(image.getHeight()).isEqualTo(30);
    }

    @Test
    @DisplayName("refuses what does not start as a JPEG")
    void notAJpeg() {
        assertThatThrownBy(() -> JpegMetadata.strip(
                        new ByteArrayInputStream("<html>".getBytes(StandardCharsets.US_ASCII)),
                        new ByteArrayOutputStream()))
                .isInstanceOf(IOException.class);
    }
}
