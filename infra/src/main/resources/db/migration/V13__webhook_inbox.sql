-- The webhook inbox, generalised from payments: any source (a payment provider today, messaging
-- channels next) keeps each verified delivery once per provider event id, with its raw headers
-- and body for audit. The table keeps its rows, row-level security and policy through the rename.
ALTER TABLE payment_webhook_events RENAME TO webhook_deliveries;
ALTER TABLE webhook_deliveries RENAME COLUMN provider TO source;
ALTER TABLE webhook_deliveries ADD COLUMN endpoint_id TEXT;
ALTER TABLE webhook_deliveries ADD COLUMN headers JSONB;
ALTER TABLE webhook_deliveries ADD COLUMN body TEXT;

-- Endpoint ids name a source, not only a payment provider.
ALTER TABLE platform_webhook_endpoints RENAME COLUMN provider TO source;
