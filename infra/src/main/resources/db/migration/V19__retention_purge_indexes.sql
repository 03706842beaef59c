-- Retention purges (dev.tenantcore.infra.retention) delete, per tenant and in batches, the rows
-- whose time is up: each batch finds them through one of these indexes instead of reading the
-- tenant's whole table. idempotency_keys has its (tenant_id, expires_at) index since V8.
CREATE INDEX auth_sessions_expiry ON auth_sessions (tenant_id, expires_at);
CREATE INDEX webhook_deliveries_received ON webhook_deliveries (tenant_id, received_at);
CREATE INDEX revoked_sessions_expiry ON revoked_sessions (expires_at);
