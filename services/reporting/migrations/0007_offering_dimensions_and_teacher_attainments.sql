-- Projections for the teacher-standardisation and domain/delivery indicators (issue 12): each offering's
-- dimensions as of its highest revision (content.offerings), and each teacher's attainment of the standard
-- of a level (enrolment.learners). Order-free: an older revision is ignored, the earliest attainment kept.
CREATE TABLE offering_dimensions (
    offering_id    uuid PRIMARY KEY,
    course_id      uuid NOT NULL,
    revision       integer NOT NULL,
    theme          text NOT NULL,
    delivery_mode  text NOT NULL,
    upgrades_level text,
    min_age        integer,
    max_age        integer
);

CREATE TABLE teacher_attainments (
    learner_id  uuid NOT NULL,
    level       text NOT NULL,
    attained_on date NOT NULL,
    PRIMARY KEY (learner_id, level)
);
CREATE INDEX enrolment_records_offering ON enrolment_records (offering_id);
