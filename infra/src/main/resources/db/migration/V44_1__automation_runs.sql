-- Runs of automation rules and their steps: the command side's own record, written by the rule
-- runner (the automation-runs processor and the automation-step task), never by a projection.

-- One run per (rule, triggering event): the unique key is what makes a redelivered event start no
-- second run. A run is recorded whatever its condition answered, so the log shows why nothing ran.
CREATE TABLE automation_runs (
    tenant_id        UUID        NOT NULL,
    id               UUID        NOT NULL,
    rule_id          UUID        NOT NULL,
    rule_version     BIGINT      NOT NULL,
    event_id         UUID        NOT NULL,
    event_type       TEXT        NOT NULL,
    -- The envelope of the triggering event, which the steps find their contact, lead or conversation in.
    event            JSONB       NOT NULL,
    -- How many runs led to the triggering event (0: a person's or a provider's change).
    depth            INT         NOT NULL,
    -- matched, not_matched or failed (the condition could not be evaluated).
    condition_result TEXT        NOT NULL,
    -- running, waiting, completed, not_matched, failed, parked, cancelled.
    status           TEXT        NOT NULL,
    error            TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, rule_id, event_id)
);
CREATE INDEX automation_runs_page ON automation_runs (tenant_id, rule_id, created_at, id);
CALL isolate_tenant('automation_runs');

-- The steps of a matched run, one per action. A step is claimed (running) and committed before
-- its side effect, and marked done in the transaction of the command it sends.
CREATE TABLE automation_run_steps (
    tenant_id   UUID        NOT NULL,
    run_id      UUID        NOT NULL,
    position    INT         NOT NULL,
    action      JSONB       NOT NULL,
    -- pending, running, waiting, done, failed, skipped.
    status      TEXT        NOT NULL,
    -- The idempotency key of the step's command (its message id) and of what it creates (a note's id).
    command_id  UUID        NOT NULL,
    attempts    INT         NOT NULL DEFAULT 0,
    due_at      TIMESTAMPTZ,
    started_at  TIMESTAMPTZ,
    finished_at TIMESTAMPTZ,
    error       TEXT,
    PRIMARY KEY (tenant_id, run_id, position)
);
CALL isolate_tenant('automation_run_steps');
