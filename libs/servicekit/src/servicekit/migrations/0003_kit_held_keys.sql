-- Keys a per-key-strict consumer holds: a record of the key is in the DLQ, so later ones wait there too.
CREATE TABLE IF NOT EXISTS held_keys (
    consumer    text        NOT NULL,
    topic       text        NOT NULL,
    message_key bytea       NOT NULL,
    last_offset bigint      NOT NULL,  -- origin offset of the newest record of the key dead-lettered
    held_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, topic, message_key)
);
