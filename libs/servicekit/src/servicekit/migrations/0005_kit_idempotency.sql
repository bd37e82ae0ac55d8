-- Idempotency keys: a request replayed with the same key gets the response stored with the first one,
-- written in the same transaction as the request's effects. Pruned once older than the kept period.
CREATE TABLE IF NOT EXISTS idempotency_keys (
    scope        text        NOT NULL,  -- the route and the caller: one caller's keys never meet another's
    key          text        NOT NULL,
    request_hash text        NOT NULL,
    status       integer     NOT NULL,
    body         bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);
CREATE INDEX IF NOT EXISTS idempotency_keys_created_at ON idempotency_keys (created_at);
