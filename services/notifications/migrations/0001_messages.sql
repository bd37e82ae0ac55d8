-- Messages recorded for learners.
CREATE TABLE messages (
    id              uuid PRIMARY KEY,
    learner_id      uuid NOT NULL,
    template        text NOT NULL,
    body_vi         text NOT NULL,
    body_en         text NOT NULL,
    created_at      timestamptz NOT NULL,
    source_event_id text NOT NULL
);
CREATE INDEX messages_by_learner ON messages (learner_id, created_at DESC);
