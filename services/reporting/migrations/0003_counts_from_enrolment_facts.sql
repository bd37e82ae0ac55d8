-- Per-course counts are now read from enrolment_facts: every projection is idempotent, so a replay that
-- overlaps the live consumer cannot count an enrolment twice. Counts of enrolments confirmed before
-- migration 0002 come back with `python -m reporting rebuild` (the enrolment topic is kept forever).
DROP TABLE enrolment_counts;
