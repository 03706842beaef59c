package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each tenant's events form a hash chain, computed beside the event store; verification recomputes
 * it from the stored bytes and names a tampered event; signed checkpoints verify offline with the
 * published keys; and a tenant sees only its own chain.
 */
class AuditChainTest extends ShopTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CHAINED = Duration.ofSeconds(30);

    private String product(Platform.Shop in, String token, long price) {
        String slug = "chain-" + UUID.randomUUID().toString().substring(0, 8);
        return platform.newProduct(in, token, slug, price).get("id").asText();
    }

    private void reprice(Platform.Shop in, String token, String productId, long price) {
        api.patch("/api/v1/products/" + productId)
                .in(in, token)
                .json(Map.of("price", Map.of("amountMinor", price, "currency", "EUR")))
                .send()
                .assertStatus(200);
    }

    private JsonNode verify(Platform.Shop in, String token) {
        return api.get("/api/v1/audit/chain/verify")
                .in(in, token)
                .send()
                .assertStatus(200)
                .json();
    }

    /** Waits until every stored event of the tenant is chained, and answers the verification. */
    private JsonNode chained(Platform.Shop in, String token) {
        long stored = events(in).size();
        return await().atMost(CHAINED)
                .until(
                        () -> verify(in, token),
                        v -> v.get("pending").asLong() == 0 && v.get("verified").asLong() >= stored);
    }

    /** The tenant's events as tenant_event_log shows them: position and the eight canonical fields. */
    private record Stored(
            long position,
            String eventId,
            String payloadType,
            String revision,
            String aggregateType,
            String aggregateId,
            long sequence,
            String timestamp,
            byte[] payload,
            byte[] metadata) {}

    private List<Stored> events(Platform.Shop in) {
        return asTenant(
                in,
                () -> jdbc.query(
                        "SELECT global_index, event_identifier, payload_type, payload_revision, type, aggregate_identifier,"
                                + " sequence_number, time_stamp, payload, meta_data FROM tenant_event_log ORDER BY global_index",
                        (rs, i) -> new Stored(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getLong(7),
                                rs.getString(8),
                                rs.getBytes(9),
                                rs.getBytes(10))));
    }

    private record Link(long position, long count, String hash) {}

    private List<Link> links(Platform.Shop in) {
        return asTenant(
                in,
                () -> jdbc.query(
                        "SELECT global_position, count, hash FROM audit_chain_links ORDER BY count",
                        (rs, i) -> new Link(
                                rs.getLong(1), rs.getLong(2), HexFormat.of().formatHex(rs.getBytes(3)))));
    }

    /**
     * The README's definition, written out again here: SHA-256 over the previous link (32 zero bytes
     * before the first), then eight fields, each a 4-byte big-endian length and its bytes (UTF-8).
     */
    private static String linkAfter(String previousHex, Stored e) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] field : List.of(
                utf8(e.payloadType()),
                utf8(e.revision()),
                utf8(e.aggregateType()),
                utf8(e.aggregateId()),
                utf8(String.valueOf(e.sequence())),
                utf8(e.timestamp()),
                e.payload(),
                e.metadata())) {
            bytes.write(ByteBuffer.allocate(4).putInt(field.length).array());
            bytes.write(field);
        }
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(HexFormat.of().parseHex(previousHex));
        sha256.update(bytes.toByteArray());
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The runtime role may not change a stored event: the owner role, as someone with the database's keys. */
    private void asOwner(String sql, Object... args) throws Exception {
        try (Connection connection = ownerConnection();
                PreparedStatement tenant = connection.prepareStatement("SELECT set_config('app.tenant_id', ?, false)");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            // Row-level security is forced on the owner too: the links table shows it the shop's rows only.
            tenant.setString(1, shop.id());
            tenant.execute();
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** The rule of event_tenant(): the metadata's tenantId member, when it is text in a UUID's form. */
    private static UUID tenantNamedIn(byte[] metadata) throws Exception {
        JsonNode tenant = JSON.readTree(metadata).get("tenantId");
        return tenant != null
                        && tenant.isTextual()
                        && UUID_TEXT.matcher(tenant.asText()).matches()
                ? UUID.fromString(tenant.asText())
                : null;
    }

    @Test
    @DisplayName("the store's tenant of an event (its index and the audit's window) is the tenantId its metadata names")
    void eventTenantFollowsTheMetadata() throws Exception {
        reprice(shop, owner, product(shop, owner, 1100), 1200);
        List<Map<String, Object>> stored =
                jdbc.queryForList("SELECT meta_data, event_tenant(meta_data) AS tenant FROM domain_event_entry"
                        + " ORDER BY global_index DESC LIMIT 500");
        assertThat(stored).isNotEmpty();
        for (Map<String, Object> event : stored) {
            assertThat(event.get("tenant")).isEqualTo(tenantNamedIn((byte[]) event.get("meta_data")));
        }
        String tenant = UUID.randomUUID().toString();
        List<String> shapes = List.of(
                "{\"tenantId\":\"" + tenant + "\"}",
                "{\"traceId\":\"x\",\"tenantId\":\"" + tenant.toUpperCase() + "\",\"userId\":\"y\"}",
                "{\"tenantId\":\"platform\"}",
                "{\"tenantId\":\"" + tenant + " \"}",
                "{\"tenantId\":null}",
                "{\"tenantId\":42}",
                "{\"tenant\":{\"tenantId\":\"" + tenant + "\"}}",
                "{\"note\":\"caf\\u00e9\\n\\\"\",\"tenantId\":\"" + tenant + "\"}",
                "[]",
                "{}");
        for (String shape : shapes) {
            UUID read = jdbc.queryForObject("SELECT event_tenant(convert_to(?, 'UTF8'))", UUID.class, shape);
            assertThat(read).as(shape).isEqualTo(tenantNamedIn(shape.getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(jdbc.queryForObject("SELECT event_tenant(NULL) IS NULL", Boolean.class))
                .isTrue();
    }

    @Test
    @DisplayName("two tenants' interleaved events form two chains, each of its own events only, as defined")
    void twoTenantsInterleaved() throws Exception {
        Platform.Shop other = platform.newShop();
        String otherOwner = platform.ownerToken(other);
        for (int i = 0; i < 3; i++) {
            product(shop, owner, 100 + i);
            product(other, otherOwner, 200 + i);
        }

        JsonNode mine = chained(shop, owner);
        JsonNode theirs = chained(other, otherOwner);

        List<Stored> myEvents = events(shop);
        List<Stored> theirEvents = events(other);
        List<Link> myLinks = links(shop);
        assertThat(mine.get("firstBrokenAt").isNull()).isTrue();
        assertThat(theirs.get("firstBrokenAt").isNull()).isTrue();
        assertThat(mine.get("verified").asLong()).isEqualTo(myLinks.size());
        assertThat(myLinks.stream().map(Link::position).toList())
                .as("the chain covers exactly the tenant's events, in global order")
                .containsExactlyElementsOf(myEvents.stream()
                        .map(Stored::position)
                        .limit(myLinks.size())
                        .toList());
        assertThat(myLinks.stream().map(Link::position).toList())
                .as("none of the other tenant's")
                .doesNotContainAnyElementsOf(
                        theirEvents.stream().map(Stored::position).toList());
        assertThat(mine.get("chainedUpTo").asLong())
                .isEqualTo(myLinks.get(myLinks.size() - 1).position());

        String previous = "00".repeat(32);
        for (int i = 0; i < myLinks.size(); i++) {
            previous = linkAfter(previous, myEvents.get(i));
            assertThat(myLinks.get(i).hash())
                    .as("link %d recomputed with the README's definition", i + 1)
                    .isEqualTo(previous);
            assertThat(myLinks.get(i).count()).isEqualTo(i + 1);
        }
    }

    @Test
    @DisplayName("a payload byte altered in the database by the owner role: verify names exactly that event")
    void tamperedByteIsNamed() throws Exception {
        String productId = product(shop, owner, 100);
        reprice(shop, owner, productId, 250);
        product(shop, owner, 300);
        JsonNode before = chained(shop, owner);
        assertThat(before.get("firstBrokenAt").isNull()).isTrue();
        List<Stored> events = events(shop);
        Stored target = events.stream()
                .filter(e -> e.aggregateId().equals(productId) && e.sequence() == 1)
                .findFirst()
                .orElseThrow();
        int offset = new String(target.payload(), StandardCharsets.UTF_8).indexOf(":250") + 2;
        assertThat(offset).isPositive();

        // PostgreSQL's set_byte counts from 0: one digit of the new price, 5 → 4
        asOwner(
                "UPDATE domain_event_entry SET payload = set_byte(payload, ?, get_byte(payload, ?) # 1)"
                        + " WHERE event_identifier = ?",
                offset,
                offset,
                target.eventId());

        JsonNode after = verify(shop, owner);
        JsonNode broken = after.get("firstBrokenAt");
        assertThat(broken.get("eventId").asText()).isEqualTo(target.eventId());
        assertThat(broken.get("globalPosition").asLong()).isEqualTo(target.position());
        assertThat(broken.get("aggregateType").asText()).isEqualTo("product");
        assertThat(broken.get("aggregateId").asText()).isEqualTo(productId);
        assertThat(broken.get("sequence").asLong()).isEqualTo(1);
        assertThat(broken.get("type").asText()).isEqualTo("ProductUpdatedEvent");
        assertThat(after.get("verified").asLong())
                .as("every event before it still verifies")
                .isEqualTo(events.indexOf(target));
    }

    @Test
    @DisplayName("a checkpoint's JWS verifies with the published keys, and not once its payload changed")
    void checkpointVerifiesOffline() throws Exception {
        product(shop, owner, 100);
        JsonNode chain = chained(shop, owner);
        String auditor = platform.staffToken(shop, owner, "auditor");

        JsonNode checkpoint = api.post("/api/v1/audit/chain/checkpoints")
                .in(shop, owner)
                .send()
                .assertStatus(201)
                .json();

        assertThat(checkpoint.get("count").asLong())
                .isGreaterThanOrEqualTo(chain.get("verified").asLong());
        assertThat(checkpoint.get("tenantId").asText()).isEqualTo(shop.id());
        Api.Response published = api.get("/.well-known/audit-keys.json").send().assertStatus(200);
        JWKSet keys = JWKSet.parse(published.body());
        JWSObject jws = JWSObject.parse(checkpoint.get("jws").asText());
        ECKey key = (ECKey) keys.getKeyByKeyId(jws.getHeader().getKeyID());
        assertThat(key).isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(jws.verify(new ECDSAVerifier(key))).isTrue();
        JsonNode signed = JSON.readTree(jws.getPayload().toString());
        assertThat(signed.get("tenantId").asText()).isEqualTo(shop.id());
        assertThat(signed.get("count").asLong())
                .isEqualTo(checkpoint.get("count").asLong());
        assertThat(signed.get("globalPosition").asLong())
                .isEqualTo(checkpoint.get("globalPosition").asLong());
        assertThat(signed.get("head").asText()).isEqualTo(checkpoint.get("head").asText());

        // One character of the payload changed: the head's first hex digit
        String payload = jws.getPayload().toString();
        int at = payload.indexOf("\"head\":\"") + 8;
        char changed = payload.charAt(at) == '0' ? '1' : '0';
        String forged = payload.substring(0, at) + changed + payload.substring(at + 1);
        String[] parts = checkpoint.get("jws").asText().split("\\.");
        JWSObject tampered = JWSObject.parse(parts[0] + "." + Base64URL.encode(forged) + "." + parts[2]);
        assertThat(tampered.verify(new ECDSAVerifier(key))).isFalse();

        // Listed for the auditor, and met again by a later verification
        product(shop, owner, 200);
        JsonNode listed = api.get("/api/v1/audit/chain/checkpoints")
                .in(shop, auditor)
                .send()
                .assertStatus(200)
                .json();
        List<String> listedIds = new ArrayList<>();
        listed.get("items").forEach(c -> listedIds.add(c.get("id").asText()));
        // The recurring checkpoint may have signed the shop's chain too: each listed one is met again
        assertThat(listedIds).contains(checkpoint.get("id").asText());
        listed.get("items").forEach(c -> assertThat(c.get("tenantId").asText()).isEqualTo(shop.id()));
        JsonNode later = chained(shop, auditor);
        assertThat(later.get("checkpointsVerified").asLong()).isEqualTo(listedIds.size());
        assertThat(later.get("brokenCheckpoint").isNull()).isTrue();
        assertThat(later.get("firstBrokenAt").isNull()).isTrue();
    }

    @Test
    @DisplayName("a checkpoint catches links rewritten to match an altered event")
    void rewrittenLinksBreakTheCheckpoint() throws Exception {
        String productId = product(shop, owner, 100);
        chained(shop, owner);
        JsonNode checkpoint = api.post("/api/v1/audit/chain/checkpoints")
                .in(shop, owner)
                .send()
                .assertStatus(201)
                .json();
        List<Stored> events = events(shop);
        List<Link> links = links(shop);
        int last = (int) checkpoint.get("count").asLong() - 1;
        Stored target = events.get(last);
        assertThat(target.position()).isEqualTo(checkpoint.get("globalPosition").asLong());

        // The last event the checkpoint covers is altered, and its link recomputed to match
        byte[] altered = target.payload().clone();
        altered[altered.length - 2] ^= 1;
        Stored forged = new Stored(
                target.position(),
                target.eventId(),
                target.payloadType(),
                target.revision(),
                target.aggregateType(),
                target.aggregateId(),
                target.sequence(),
                target.timestamp(),
                altered,
                target.metadata());
        String previous = last == 0 ? "00".repeat(32) : links.get(last - 1).hash();
        asOwner("UPDATE domain_event_entry SET payload = ? WHERE event_identifier = ?", altered, target.eventId());
        asOwner(
                "UPDATE audit_chain_links SET hash = ? WHERE tenant_id = ? AND global_position = ?",
                HexFormat.of().parseHex(linkAfter(previous, forged)),
                UUID.fromString(shop.id()),
                target.position());

        JsonNode after = verify(shop, owner);
        assertThat(after.get("brokenCheckpoint").asText())
                .isEqualTo(checkpoint.get("id").asText());
        assertThat(after.get("checkpointsVerified").asLong()).isZero();
        assertThat(productId).isNotBlank();
    }

    @Test
    @DisplayName("another tenant's auditor sees only their own chain and checkpoints")
    void anotherTenantSeesOnlyTheirOwn() {
        product(shop, owner, 100);
        chained(shop, owner);
        JsonNode mine = api.post("/api/v1/audit/chain/checkpoints")
                .in(shop, owner)
                .send()
                .assertStatus(201)
                .json();
        Platform.Shop other = platform.newShop();
        String otherOwner = platform.ownerToken(other);
        String otherAuditor = platform.staffToken(other, otherOwner, "auditor");

        JsonNode theirs = chained(other, otherAuditor);
        JsonNode listed = api.get("/api/v1/audit/chain/checkpoints")
                .in(other, otherAuditor)
                .send()
                .assertStatus(200)
                .json();

        assertThat(theirs.get("verified").asLong()).isEqualTo(events(other).size());
        List<String> ids = new ArrayList<>();
        listed.get("items").forEach(c -> ids.add(c.get("id").asText()));
        assertThat(ids).doesNotContain(mine.get("id").asText());
        listed.get("items").forEach(c -> assertThat(c.get("tenantId").asText()).isEqualTo(other.id()));
        api.get("/api/v1/audit/chain/checkpoints/" + mine.get("id").asText())
                .in(other, otherAuditor)
                .send()
                .assertProblem(404, "not_found");
        // Their auditor may read but not sign; a checkpoint of my shop cannot be asked for from theirs
        api.post("/api/v1/audit/chain/checkpoints")
                .in(other, otherAuditor)
                .send()
                .assertProblem(403, "forbidden");
        api.get("/api/v1/audit/chain/verify").in(shop, otherAuditor).send().assertStatus(403);
    }

    @Test
    @DisplayName("customers and staff are refused the chain, and a forged cursor is a 400")
    void refused() {
        api.get("/api/v1/audit/chain/verify").in(shop, customer()).send().assertStatus(403);
        api.get("/api/v1/audit/chain/verify")
                .in(shop, platform.staffToken(shop, owner, "staff"))
                .send()
                .assertStatus(403);
        api.get("/api/v1/audit/chain/checkpoints?cursor=bm9wZQ")
                .in(shop, owner)
                .send()
                .assertProblem(400, "validation_failed");
    }
}
