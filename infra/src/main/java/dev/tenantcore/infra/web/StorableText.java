package dev.tenantcore.infra.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;

/**
 * Reads the text of request bodies, refusing what PostgreSQL cannot store as text: a NUL character
 * ({@code \u0000}), or half of a UTF-16 surrogate pair, which has no UTF-8 form. JSON can carry
 * both as escapes. Accepted, such text would be recorded in an event and then fail (NUL) or be
 * silently changed (a lone surrogate) in every projection that writes it, so the event could never
 * be projected; refused here, the caller gets {@code validation_failed} naming the field.
 */
final class StorableText extends StdScalarDeserializer<String> {

    StorableText() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String text = StringDeserializer.instance.deserialize(parser, context);
        if (text != null && !storable(text)) {
            throw InvalidFormatException.from(
                    parser, "text must not contain NUL or half of a surrogate pair", text, String.class);
        }
        return text;
    }

    static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
