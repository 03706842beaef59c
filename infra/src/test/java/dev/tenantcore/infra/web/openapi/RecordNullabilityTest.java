package dev.tenantcore.infra.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RecordNullabilityTest {

    record Money(long amountMinor, String currency) {}

    record Item(String name, @NotNull String sku, long version, List<String> tags, Money price) {}

    @Test
    @DisplayName(
            "record components that Jackson may write as null are nullable; primitives, collections and @NotNull ones are not")
    void nullableComponents() {
        ModelConverters converters = new ModelConverters();
        converters.addConverter(new RecordNullability());
        Map<String, Schema> schemas = converters.readAll(Item.class);
        Map<String, Schema> properties = schemas.get("Item").getProperties();
        assertThat(properties.get("name").getNullable()).isTrue();
        assertThat(properties.get("sku").getNullable()).isNull();
        assertThat(properties.get("version").getNullable()).isNull();
        assertThat(properties.get("tags").getNullable()).isNull();
        assertThat(properties.get("price").getNullable()).isTrue();
        assertThat(((Schema<?>) properties.get("price").getAllOf().get(0)).get$ref())
                .endsWith("/Money");
    }
}
