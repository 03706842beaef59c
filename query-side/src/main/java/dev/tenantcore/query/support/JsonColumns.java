package dev.tenantcore.query.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads and writes {@code jsonb} columns with the application's {@link ObjectMapper}, so a value
 * stored by a projection reads back exactly as the API would render it. A column that cannot be
 * written or read is a programming error in the read model, not bad input: it fails loudly.
 */
public class JsonColumns {

    private final ObjectMapper json;

    JsonColumns(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The JSON text of {@code value}, to bind as {@code CAST(? AS jsonb)}. A null becomes JSON
     * {@code null}, which a NOT NULL column accepts; pass SQL NULL yourself where it means "none".
     */
    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON column", e);
        }
    }

    public <T> T read(ResultSet rs, String column, Class<T> type) throws SQLException {
        return read(rs.getString(column), json.getTypeFactory().constructType(type), column);
    }

    public <T> T read(ResultSet rs, String column, TypeReference<T> type) throws SQLException {
        return read(rs.getString(column), json.getTypeFactory().constructType(type), column);
    }

    /** SQL NULL and JSON {@code null} both read as null. */
    private <T> T read(String text, JavaType type, String column) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read the JSON column " + column, e);
        }
    }
}
