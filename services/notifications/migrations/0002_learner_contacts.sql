-- Learners' contacts, language and per-channel consent, from enrolment's restricted contacts topic.
-- Erasure deletes the row (and the learner's messages); erased_learners keeps only the pseudonymous id, so a
-- late or redelivered contacts record of an erased learner is never stored again.
CREATE TABLE learner_contacts (
    learner_id uuid PRIMARY KEY,
    email      text,
    phone      text,
    language   text NOT NULL,
    consent    text[] NOT NULL,
    changed_at timestamptz NOT NULL
);

CREATE TABLE erased_learners (
    learner_id uuid PRIMARY KEY,
    erased_at  timestamptz NOT NULL
);
