-- Self-hosted providers (BTCPay Server) live at a URL each tenant chooses. Not a secret: it is
-- stored in clear and shown back; the application only accepts public https URLs for it.
ALTER TABLE payment_provider_settings ADD COLUMN server_url TEXT;
