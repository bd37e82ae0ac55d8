-- Projections for indicators: each learner's anonymous dimensions and each confirmed enrolment.
-- Dimensions are null when an erasure arrived before the learner's registration.
CREATE TABLE learner_dimensions (
    learner_id uuid PRIMARY KEY,
    sex text,
    age_band text,
    locality_code text,
    ethnic_minority boolean,
    support_categories text[] NOT NULL DEFAULT '{}',
    learner_type text,
    as_of timestamptz NOT NULL,
    erased boolean NOT NULL DEFAULT false
);

CREATE TABLE enrolment_facts (
    enrolment_id uuid PRIMARY KEY,
    course_id uuid NOT NULL,
    learner_id uuid NOT NULL,
    confirmed_at timestamptz NOT NULL,
    locality_code text
);
CREATE INDEX enrolment_facts_confirmed_at ON enrolment_facts (confirmed_at);
