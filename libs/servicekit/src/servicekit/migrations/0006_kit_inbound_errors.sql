-- Per-source error report (issue 13): how many messages of each sender were dead-lettered, by reason code,
-- so a city system can see what it sent wrong. The source is a declared principal's name or 'unknown'
-- (never the raw header: a sender chooses it), the code a rejection code (never a message).
CREATE TABLE IF NOT EXISTS inbound_errors (
    source   text        NOT NULL,
    topic    text        NOT NULL,
    code     text        NOT NULL,
    count    bigint      NOT NULL DEFAULT 0,
    first_at timestamptz NOT NULL DEFAULT now(),
    last_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source, topic, code)
);
