package dev.tenantcore.app.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A {@code multipart/form-data} body as a browser's form would send it: one file and some fields. */
public final class Multipart {

    private final String boundary =
            "----tenantcore" + UUID.randomUUID().toString().replace("-", "");
    private final Map<String, String> fields = new LinkedHashMap<>();
    private String fileName;
    private String declaredType;
    private byte[] file;

    public Multipart file(String name, String declaredType, byte[] bytes) {
        this.fileName = name;
        this.declaredType = declaredType;
        this.file = bytes;
        return this;
    }

    public Multipart field(String name, String value) {
        fields.put(name, value);
        return this;
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public byte[] body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(
                out,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                        + "\r\n"));
        if (file != null) {
            write(
                    out,
                    "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                            + "\"\r\nContent-Type: " + declaredType + "\r\n\r\n");
            out.writeBytes(file);
            write(out, "\r\n");
        }
        write(out, "--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
