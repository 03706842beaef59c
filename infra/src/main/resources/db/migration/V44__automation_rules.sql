-- Automation rules (the automations module).

-- The rules as staff read them: a read table, written by the automation-rules projection.
CREATE TABLE automation_rules (
    tenant_id  UUID        NOT NULL,
    id         UUID        NOT NULL,
    name       TEXT        NOT NULL,
    trigger    TEXT        NOT NULL,
    condition  TEXT,
    actions    JSONB       NOT NULL,
    enabled    BOOLEAN     NOT NULL,
    version    BIGINT      NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX automation_rules_page ON automation_rules (tenant_id, created_at, id);
CALL isolate_tenant('automation_rules');
INSERT INTO read_model_tables (name) VALUES ('automation_rules');

-- The command side's own copy of each rule as it stands, written by the rule's command handlers in
-- the command transaction: what runs are started from (never the read table above).
CREATE TABLE automation_rule_definitions (
    tenant_id UUID    NOT NULL,
    id        UUID    NOT NULL,
    trigger   TEXT    NOT NULL,
    condition TEXT,
    actions   JSONB   NOT NULL,
    enabled   BOOLEAN NOT NULL,
    version   BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX automation_rule_definitions_trigger ON automation_rule_definitions (tenant_id, trigger) WHERE enabled;
CALL isolate_tenant('automation_rule_definitions');
