-- xAPI statements received over HTTP (issue 13): kept as sent, with a content hash for id idempotence.
CREATE TABLE IF NOT EXISTS xapi_statements (
    id           uuid        PRIMARY KEY,
    client       text        NOT NULL,  -- the city system that sent it (the token's subject)
    content_hash text        NOT NULL,
    body         jsonb       NOT NULL,
    stored       timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS xapi_statements_client_stored ON xapi_statements (client, stored);
