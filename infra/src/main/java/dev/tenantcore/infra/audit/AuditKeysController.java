package dev.tenantcore.infra.audit;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public keys that sign hash-chain checkpoints, every one there ever was, as a JWK set. */
@RestController
class AuditKeysController {

    /** The shape of the JWK Set (RFC 7517) for the API document; the body itself is Nimbus' JSON. */
    record AuditKeySet(List<AuditKey> keys) {}

    record AuditKey(String kty, String kid, String use, String alg, String crv, String x, String y) {}

    private final CheckpointKeys keys;

    AuditKeysController(CheckpointKeys keys) {
        this.keys = keys;
    }

    @GetMapping("/.well-known/audit-keys.json")
    @ApiResponse(
            responseCode = "200",
            description = "The public keys (ES256) that sign hash-chain checkpoints, by kid; none is ever removed.",
            content = @Content(schema = @Schema(implementation = AuditKeySet.class)))
    ResponseEntity<Map<String, Object>> auditKeys() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)))
                .body(keys.publicKeys().toJSONObject(true));
    }
}
