-- A learner's own quiet hours (Hanoi time; start = end: none), replacing the city's default for them; and
-- which offerings a learner asked for (confirmed, waitlisted, promoted...), so a campaign can reach learners
-- interested in a course theme (joined with offerings at query time: the two topics may arrive in any order).
-- Erasure deletes both.
CREATE TABLE quiet_hours (
    learner_id  uuid PRIMARY KEY,
    start_hour  smallint NOT NULL CHECK (start_hour BETWEEN 0 AND 23),
    end_hour    smallint NOT NULL CHECK (end_hour BETWEEN 0 AND 23)
);

CREATE TABLE interests (
    learner_id  uuid NOT NULL,
    offering_id uuid NOT NULL,
    PRIMARY KEY (learner_id, offering_id)
);
CREATE INDEX interests_by_offering ON interests (offering_id);
