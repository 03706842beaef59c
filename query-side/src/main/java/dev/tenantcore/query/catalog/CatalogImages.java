package dev.tenantcore.query.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tenantcore.api.media.MediaId;
import dev.tenantcore.api.media.MediaLink;
import dev.tenantcore.query.support.JsonColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The images of a product or category, read with it in the same statement from the media read
 * model (the files attached to it, in their order), so a page of the catalogue costs no extra query.
 */
final class CatalogImages {

    /** A column of a product select: its images as a JSON array, in their order. */
    static final String OF_PRODUCTS = column("product", "products");

    /** The same for a category select. */
    static final String OF_CATEGORIES = column("category", "categories");

    private record Image(UUID id, Map<String, String> alt) {}

    private static final TypeReference<List<Image>> IMAGES = new TypeReference<>() {};

    private CatalogImages() {}

    private static String column(String entityType, String table) {
        return "(SELECT coalesce(jsonb_agg(jsonb_build_object('id', m.id, 'alt', m.alt)"
                + " ORDER BY m.position, m.created_at, m.id), '[]'::jsonb) FROM media m"
                + " WHERE m.tenant_id = " + table + ".tenant_id AND m.entity_type = '" + entityType + "'"
                + " AND m.entity_id = " + table + ".id) AS images";
    }

    static List<MediaLink> read(JsonColumns json, ResultSet rs) throws SQLException {
        List<Image> images = json.read(rs, "images", IMAGES);
        return images == null
                ? List.of()
                : images.stream()
                        .map(i -> MediaLink.of(new MediaId(i.id()), i.alt()))
                        .toList();
    }
}
