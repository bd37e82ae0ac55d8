-- Offerings (a read model of content's offering events, and of v1 courses as standing offerings) and
-- learners' enrolments on them, with the dimensions they had when they asked (for statistics).
-- The walking skeleton's tables are kept, renamed, for their history; nothing writes them any more.
ALTER TABLE enrolments RENAME TO skeleton_enrolments;
ALTER TABLE open_courses RENAME TO skeleton_open_courses;

CREATE TABLE offerings (
    id                    uuid PRIMARY KEY,
    course_id             uuid NOT NULL,
    revision              integer NOT NULL,
    status                text NOT NULL,
    starts_on             date,
    ends_on               date,
    capacity              integer,
    reserved              integer NOT NULL DEFAULT 0,
    audience              jsonb NOT NULL DEFAULT '[]',
    confirmed             integer NOT NULL DEFAULT 0,
    confirmed_unsupported integer NOT NULL DEFAULT 0
);
-- A course the walking skeleton had opened stays open as a standing offering (revision 0).
INSERT INTO offerings (id, course_id, revision, status, capacity, confirmed, confirmed_unsupported)
SELECT id, id, 0, 'open', capacity, confirmed, confirmed FROM skeleton_open_courses;

CREATE TABLE enrolments (
    id                 uuid PRIMARY KEY,
    offering_id        uuid NOT NULL REFERENCES offerings (id),
    course_id          uuid NOT NULL,
    learner_id         uuid NOT NULL,
    status             text NOT NULL,
    requested_at       timestamptz NOT NULL,
    progress           integer NOT NULL DEFAULT 0,
    outcome            text,
    certificate_id     text,
    age                integer NOT NULL,
    sex                text NOT NULL,
    age_band           text NOT NULL,
    locality_code      text NOT NULL,
    ethnic_minority    boolean NOT NULL,
    support_categories text[] NOT NULL,
    learner_type       text NOT NULL,
    UNIQUE (offering_id, learner_id)
);
CREATE INDEX enrolments_waiting ON enrolments (offering_id, requested_at) WHERE status = 'waitlisted';
CREATE INDEX enrolments_by_learner ON enrolments (learner_id, id);

CREATE TABLE support_grants (
    enrolment_id uuid NOT NULL REFERENCES enrolments (id),
    benefit      text NOT NULL,
    learner_id   uuid NOT NULL,
    category     text NOT NULL,
    legal_basis  text NOT NULL,
    granted_on   date NOT NULL,
    PRIMARY KEY (enrolment_id, benefit)
);
CREATE INDEX support_grants_by_learner ON support_grants (learner_id);
