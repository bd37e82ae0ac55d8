-- Courses open for enrolment (from content's events) and learners' enrolments.
CREATE TABLE open_courses (
    id        uuid PRIMARY KEY,
    capacity  integer,
    confirmed integer NOT NULL DEFAULT 0
);

CREATE TABLE enrolments (
    id            uuid PRIMARY KEY,
    course_id     uuid NOT NULL REFERENCES open_courses (id),
    learner_id    uuid NOT NULL,
    locality_code text,
    status        text NOT NULL,
    confirmed_at  timestamptz NOT NULL,
    UNIQUE (course_id, learner_id)
);
