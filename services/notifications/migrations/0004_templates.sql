-- Templates per message kind, channel and language, one row per version (the newest is used), and the
-- variables a message was recorded with, so each channel renders its own template at send time.
CREATE TABLE templates (
    kind       text NOT NULL,
    channel    text NOT NULL,
    language   text NOT NULL,
    version    integer NOT NULL,
    subject    text NOT NULL,
    body       text NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (kind, channel, language, version)
);

ALTER TABLE messages ADD COLUMN variables jsonb NOT NULL DEFAULT '{}';
