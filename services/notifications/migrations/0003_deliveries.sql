-- Deliveries: one row per (message, channel), the "to send" table the sender loop works after the commit
-- that recorded the message. One message per (event, learner, kind), so a redelivered event adds nothing.
-- A claimed row's next_attempt_at is pushed past a lease: a sender that dies mid-send is retried after it.
ALTER TABLE messages ADD COLUMN read_at timestamptz;
CREATE UNIQUE INDEX messages_once_per_event ON messages (source_event_id, learner_id, template);

CREATE TABLE deliveries (
    id              uuid PRIMARY KEY,
    message_id      uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    learner_id      uuid NOT NULL,
    channel         text NOT NULL,
    kind            text NOT NULL,
    status          text NOT NULL,
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    reason          text,
    UNIQUE (message_id, channel)
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
