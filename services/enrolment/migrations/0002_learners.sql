-- Learners: personal data (only this service holds it) beside the anonymous dimensions statistics use.
-- Erasure sets the personal columns to NULL and keeps the row (id + anonymous dimensions).
CREATE TABLE learners (
    id                uuid PRIMARY KEY,
    full_name         text,
    date_of_birth     date,
    sex               text NOT NULL,
    locality_code     text NOT NULL,
    ethnic_group_code text,
    learner_type      text NOT NULL,
    declared          text[] NOT NULL DEFAULT '{}',
    national_id_hash  text UNIQUE,
    email             text,
    phone             text,
    language          text,
    consent           text[],
    age_band          text NOT NULL,
    ethnic_minority   boolean NOT NULL,
    support_categories text[] NOT NULL,
    registered_at     timestamptz NOT NULL,
    erased_at         timestamptz
);
