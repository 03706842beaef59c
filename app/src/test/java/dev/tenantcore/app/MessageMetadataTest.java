package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.app.support.ApiTest;
import dev.tenantcore.app.support.Platform;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class MessageMetadataTest extends ApiTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @DisplayName("every stored event carries its tenant, its user and correlation ids, set once at the edge")
    void eventsCarryTenantUserAndCorrelation() throws Exception {
        Platform.Shop shop = platform.newShop();
        String token = platform.ownerToken(shop);
        String ownerId = api.get("/api/v1/auth/me")
                .in(shop, token)
                .send()
                .json()
                .get("id")
                .asText();
        String productId =
                platform.newProduct(shop, token, "traced", 100).get("id").asText();

        List<byte[]> metadata = jdbc.queryForList(
                "SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                byte[].class,
                productId);
        assertThat(metadata).hasSize(1);
        JsonNode meta = new ObjectMapper().readTree(new String(metadata.get(0), StandardCharsets.UTF_8));
        assertThat(meta.get("tenantId").asText()).isEqualTo(shop.id());
        assertThat(meta.get("userId").asText()).isEqualTo(ownerId);
        assertThat(meta.get("correlationId").asText()).isNotBlank();
        assertThat(meta.get("traceId").asText()).isNotBlank();
    }

    @Test
    @DisplayName("events of a tenant registration belong to the platform scope, the owner's to the new tenant")
    void registrationScopes() throws Exception {
        Platform.Shop shop = platform.newShop();
        List<String> tenants = jdbc.queryForList(
                "SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'tenantId' FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ? ORDER BY sequence_number",
                String.class,
                shop.id());
        assertThat(tenants).isNotEmpty().containsOnly("00000000-0000-0000-0000-000000000000");
        Integer ownerEvents = jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%UserRegisteredEvent'"
                        + " AND convert_from(meta_data, 'UTF8')::jsonb ->> 'tenantId' = ?",
                Integer.class, shop.id());
        assertThat(ownerEvents).isEqualTo(1);
    }
}
