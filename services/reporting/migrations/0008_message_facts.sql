-- Projection of notifications' delivery outcomes (issue 12, campaign reach): one row per delivery and
-- outcome, keyed so that a redelivered or replayed event is a no-op. Learner ids only, never an address.
CREATE TABLE message_facts (
    delivery_id uuid NOT NULL,
    outcome     text NOT NULL,
    message_id  uuid NOT NULL,
    learner_id  uuid NOT NULL,
    kind        text NOT NULL,
    channel     text NOT NULL,
    at          timestamptz NOT NULL,
    PRIMARY KEY (delivery_id, outcome)
);
CREATE INDEX message_facts_kind_at ON message_facts (kind, at);
