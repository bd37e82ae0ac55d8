-- Learning activity reported by city systems (issue 13): one row per reported fact, counted by kind.
-- The natural key makes a redelivered or replayed event a no-op.
CREATE TABLE IF NOT EXISTS activity_facts (
    learner_id  uuid        NOT NULL,
    kind        text        NOT NULL,
    ref         text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    PRIMARY KEY (learner_id, kind, ref, occurred_at)
);
