-- The inbox dedupes on CloudEvents identity (source, id), not id alone, and can be pruned by age.
-- Rows written before this migration did not store the source: they get a sentinel, and the inbox
-- treats a sentinel row as a match for that id from any source until the pruner removes it.
ALTER TABLE inbox ADD COLUMN source text NOT NULL DEFAULT 'urn:servicekit:inbox:source-unknown';
ALTER TABLE inbox ALTER COLUMN source DROP DEFAULT;
ALTER TABLE inbox DROP CONSTRAINT inbox_pkey;
ALTER TABLE inbox ADD PRIMARY KEY (consumer, source, event_id);
CREATE INDEX inbox_received_at ON inbox (received_at);
