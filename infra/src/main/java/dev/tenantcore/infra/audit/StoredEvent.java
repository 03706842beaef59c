package dev.tenantcore.infra.audit;

import java.sql.ResultSet;
import java.sql.SQLException;

/** One row of the event store as stored: payload and metadata still the serializer's JSON bytes. */
public record StoredEvent(
        long globalIndex,
        String eventId,
        String aggregateType,
        String aggregateId,
        long sequence,
        String payloadType,
        String revision,
        String timestamp,
        byte[] payload,
        byte[] metaData) {

    /**
     * The event in the current row of {@code rs}, whose first ten columns are, in this order:
     * {@code global_index, event_identifier, type, aggregate_identifier, sequence_number,
     * payload_type, payload_revision, time_stamp, payload, meta_data}.
     */
    public static StoredEvent of(ResultSet rs) throws SQLException {
        return new StoredEvent(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getLong(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getBytes(9),
                rs.getBytes(10));
    }
}
