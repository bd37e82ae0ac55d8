-- Outbox relay: rows the broker refuses are set aside (and block only their own key), and one relay at a
-- time publishes under a lease instead of holding row locks while Kafka is slow or away.
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS refused_at timestamptz;
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS refused_reason text;
DROP INDEX IF EXISTS outbox_unsent;
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (seq) WHERE sent_at IS NULL AND refused_at IS NULL;
CREATE INDEX IF NOT EXISTS outbox_refused ON outbox (topic, message_key, seq)
    WHERE sent_at IS NULL AND refused_at IS NOT NULL;

CREATE TABLE IF NOT EXISTS outbox_relay_lease (
    id         int         PRIMARY KEY CHECK (id = 1),
    holder     text,
    expires_at timestamptz NOT NULL
);
INSERT INTO outbox_relay_lease (id, holder, expires_at) VALUES (1, NULL, '-infinity') ON CONFLICT DO NOTHING;
