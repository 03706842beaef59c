package dev.tenantcore.infra.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChainLinkTest {

    private static final StoredEvent EVENT = new StoredEvent(
            7,
            "e1",
            "Product",
            "p-1",
            12,
            "dev.tenantcore.api.catalog.ProductCreatedEvent",
            "1",
            "2026-12-03T17:42:44.614Z",
            "{\"name\":\"Mug\"}".getBytes(StandardCharsets.UTF_8),
            "{\"tenantId\":\"t\"}".getBytes(StandardCharsets.UTF_8));

    @Test
    @DisplayName("the canonical bytes are the eight fields, each after its 4-byte big-endian length")
    void canonicalBytes() {
        String expected = "0000002e" + hex("dev.tenantcore.api.catalog.ProductCreatedEvent")
                + "00000001" + hex("1")
                + "00000007" + hex("Product")
                + "00000003" + hex("p-1")
                + "00000002" + hex("12")
                + "00000018" + hex("2026-12-03T17:42:44.614Z")
                + "0000000e" + hex("{\"name\":\"Mug\"}")
                + "00000010" + hex("{\"tenantId\":\"t\"}");

        assertThat(HexFormat.of().formatHex(ChainLink.canonical(EVENT))).isEqualTo(expected);
    }

    @Test
    @DisplayName("a missing revision is the length FFFFFFFF and no bytes, unlike an empty one")
    void missingIsNotEmpty() {
        StoredEvent missing = new StoredEvent(7, "e1", "Product", "p-1", 12, "T", null, "x", new byte[0], new byte[0]);
        StoredEvent empty = new StoredEvent(7, "e1", "Product", "p-1", 12, "T", "", "x", new byte[0], new byte[0]);

        assertThat(HexFormat.of().formatHex(ChainLink.canonical(missing)))
                .startsWith("00000001" + hex("T") + "ffffffff");
        assertThat(ChainLink.next(ChainLink.GENESIS, missing)).isNotEqualTo(ChainLink.next(ChainLink.GENESIS, empty));
    }

    @Test
    @DisplayName("a link is SHA-256 of the previous link and the canonical bytes; the first follows 32 zero bytes")
    void linkIsSha256() throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(new byte[32]);
        sha256.update(ChainLink.canonical(EVENT));
        byte[] first = sha256.digest();

        assertThat(ChainLink.next(ChainLink.GENESIS, EVENT)).isEqualTo(first);
        assertThat(ChainLink.next(first, EVENT)).isNotEqualTo(first);
        assertThat(ChainLink.hex(first)).hasSize(64).matches("[0-9a-f]+");
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }
}
