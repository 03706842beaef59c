-- Inbound attachments fetched into the tenant's media store: the media item a message's attachment
-- became, or why it did not (too_large, unavailable). The table is a read model already (isolated,
-- listed in read_model_tables): new columns only.
ALTER TABLE conversation_messages
    ADD COLUMN media_id     UUID,
    ADD COLUMN media_state  TEXT,
    ADD COLUMN media_reason TEXT;
