-- Projections of the enrolment lifecycle (issue 12): one row per enrolment with the learner's dimensions
-- as they were when it was requested, where it stands, and when it first held a seat; and each support
-- benefit granted. Order-free: a status only moves forward, the seat time is the earliest seen.
CREATE TABLE enrolment_records (
    enrolment_id       uuid PRIMARY KEY,
    course_id          uuid NOT NULL,
    offering_id        uuid NOT NULL,
    learner_id         uuid NOT NULL,
    sex                text NOT NULL,
    age_band           text NOT NULL,
    locality_code      text NOT NULL,
    ethnic_minority    boolean NOT NULL,
    support_categories text[] NOT NULL,
    learner_type       text NOT NULL,
    status             text NOT NULL,
    stage              integer NOT NULL,
    seated_at          timestamptz,
    completed_at       timestamptz,
    outcome            text,
    progress           integer NOT NULL DEFAULT 0
);
CREATE INDEX enrolment_records_seated_at ON enrolment_records (seated_at);

CREATE TABLE support_grant_facts (
    enrolment_id     uuid NOT NULL,
    benefit          text NOT NULL,
    support_category text NOT NULL,
    locality_code    text NOT NULL,
    granted_on       date NOT NULL,
    PRIMARY KEY (enrolment_id, benefit)
);
