-- The CloudEvents ids behind each fact (issue 12, drill-down): the confirmation an enrolment fact comes from,
-- and every lifecycle event merged into an enrolment record. Rows projected before this migration have none
-- until a rebuild replays their events.
ALTER TABLE enrolment_facts ADD COLUMN event_id text;
ALTER TABLE enrolment_records ADD COLUMN event_ids text[] NOT NULL DEFAULT '{}';
