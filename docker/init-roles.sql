-- Roles for docker-compose: migrations run as the owner, the application as a role that owns
-- nothing and cannot bypass row-level security. Change the passwords for anything but a local try.
CREATE ROLE tenantcore_owner LOGIN PASSWORD 'owner-local-only' NOSUPERUSER NOBYPASSRLS;
CREATE ROLE tenantcore_app LOGIN PASSWORD 'app-local-only' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
CREATE DATABASE tenantcore OWNER tenantcore_owner;
