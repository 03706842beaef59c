package dev.tenantcore.command.media;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies a JPEG without the segments that carry metadata about the photo and its taker: EXIF
 * (camera, time, GPS position) and XMP in APP1, Photoshop/IPTC in APP13, and comments. Everything
 * that draws the image (JFIF, ICC profile, Adobe colour transform, tables, frames, scans) is copied
 * unchanged, so nothing is re-encoded and nothing is lost in quality. Streams segment by segment:
 * only one segment header is ever held.
 */
final class JpegMetadata {

    private static final int SOI = 0xD8;
    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;
    private static final int APP1 = 0xE1;
    private static final int APP13 = 0xED;
    private static final int COM = 0xFE;

    private JpegMetadata() {}

    /** Copies {@code jpeg} to {@code out} without its metadata segments; fails on what is not a JPEG. */
    static void strip(InputStream jpeg, OutputStream out) throws IOException {
        DataInputStream in = new DataInputStream(jpeg);
        if (in.readUnsignedByte() != 0xFF || in.readUnsignedByte() != SOI) {
            throw new IOException("not a JPEG");
        }
        out.write(0xFF);
        out.write(SOI);
        while (true) {
            int marker = nextMarker(in);
            if (marker == EOI) {
                out.write(0xFF);
                out.write(EOI);
                return;
            }
            if (marker == SOS) {
                // From the first scan on, the rest is entropy-coded data and later markers: copied as is.
                out.write(0xFF);
                out.write(SOS);
                in.transferTo(out);
                return;
            }
            if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
                // Markers without a length.
                out.write(0xFF);
                out.write(marker);
                continue;
            }
            int length = in.readUnsignedShort();
            if (length < 2) {
                throw new IOException("a JPEG segment with a broken length");
            }
            if (marker == APP1 || marker == APP13 || marker == COM) {
                skip(in, length - 2);
            } else {
                out.write(0xFF);
                out.write(marker);
                out.write(length >> 8);
                out.write(length & 0xFF);
                copy(in, out, length - 2);
            }
        }
    }

    private static int nextMarker(DataInputStream in) throws IOException {
        int b = in.readUnsignedByte();
        if (b != 0xFF) {
            throw new IOException("a JPEG segment does not start with a marker");
        }
        while (b == 0xFF) {
            b = in.readUnsignedByte(); // fill bytes before a marker
        }
        return b;
    }

    private static void skip(DataInputStream in, int n) throws IOException {
        int left = n;
        while (left > 0) {
            int skipped = in.skipBytes(left);
            if (skipped <= 0) {
                throw new EOFException("a JPEG segment ends early");
            }
            left -= skipped;
        }
    }

    private static void copy(DataInputStream in, OutputStream out, int n) throws IOException {
        byte[] buffer = new byte[Math.min(n, 8192)];
        int left = n;
        while (left > 0) {
            int read = in.read(buffer, 0, Math.min(left, buffer.length));
            if (read < 0) {
                throw new EOFException("a JPEG segment ends early");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }
}
