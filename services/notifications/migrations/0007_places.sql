-- Who holds a place on which offering (from enrolment's events), so that an offering's change or
-- cancellation (content's events) is told to exactly its learners. Erasure deletes the learner's rows.
CREATE TABLE places (
    enrolment_id uuid PRIMARY KEY,
    learner_id   uuid NOT NULL,
    offering_id  uuid NOT NULL,
    active       boolean NOT NULL
);
CREATE INDEX places_by_offering ON places (offering_id) WHERE active;
