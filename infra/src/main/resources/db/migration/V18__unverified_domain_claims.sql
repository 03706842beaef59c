-- Unverified domain claims (domain squatting). A domain a tenant adds itself no longer holds the
-- name: it is a claim here, with its verification token and when it was made, until the tenant
-- proves the name (then it is the tenant's DOMAIN key in platform_unique_keys, as the platform's own
-- domains are), another tenant proves it, or it expires. Several tenants may claim one name, so a
-- squatter blocks nobody who can prove ownership.
--
-- A platform table on purpose, like platform_unique_keys: a name is contested between tenants, and
-- proving it must end the other tenants' claims in the same transaction, which row-level security
-- would hide. No endpoint reads it; the command side and its scheduled work do. The claimant is
-- not called tenant_id for that reason: every table with a tenant_id is a tenant table under
-- row-level security (RowLevelSecurityTest holds the schema to it).
CREATE TABLE unverified_domain_claims (
    domain      TEXT        NOT NULL,
    claimant_id UUID        NOT NULL,
    token       TEXT        NOT NULL,
    claimed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (domain, claimant_id)
);
-- The expiry sweep looks for the oldest claims.
CREATE INDEX unverified_domain_claims_age ON unverified_domain_claims (claimed_at);

-- Claims made before this table, from the tenants' own history (never from the read model, which
-- may lag): a domain whose latest event is its addition with a token is unverified. Only those the
-- tenant still holds move (a closed tenant gave its domains back); they count from when they were
-- made, so old squats expire at the first sweep.
INSERT INTO unverified_domain_claims (domain, claimant_id, token, claimed_at)
SELECT latest.domain, latest.tenant_id, latest.token, latest.time_stamp::timestamptz
  FROM (SELECT DISTINCT ON (aggregate_identifier, p ->> 'domain')
               aggregate_identifier::uuid AS tenant_id, p ->> 'domain' AS domain,
               p ->> 'verificationToken' AS token, payload_type, time_stamp
          FROM (SELECT aggregate_identifier, sequence_number, payload_type, time_stamp,
                       convert_from(payload, 'UTF8')::jsonb AS p
                  FROM domain_event_entry
                 WHERE type = 'Tenant'
                   AND payload_type IN ('dev.tenantcore.api.tenancy.TenantDomainAddedEvent',
                                        'dev.tenantcore.api.tenancy.TenantDomainVerifiedEvent',
                                        'dev.tenantcore.api.tenancy.TenantDomainRemovedEvent')) events
         ORDER BY aggregate_identifier, p ->> 'domain', sequence_number DESC) latest
  JOIN platform_unique_keys held
    ON held.scope = 'DOMAIN' AND held.key = latest.domain AND held.owner_id = latest.tenant_id
 WHERE latest.payload_type = 'dev.tenantcore.api.tenancy.TenantDomainAddedEvent'
   AND latest.token IS NOT NULL;

DELETE FROM platform_unique_keys held
 USING unverified_domain_claims claim
 WHERE held.scope = 'DOMAIN' AND held.key = claim.domain AND held.owner_id = claim.claimant_id;
