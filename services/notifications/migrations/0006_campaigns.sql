-- Campaigns' audience: notifications' own read model of learners' non-identifying dimensions (from
-- enrolment.learners) and whether they ever enrolled (from enrolment.enrolments); erasure deletes the row.
CREATE TABLE audience (
    learner_id         uuid PRIMARY KEY,
    sex                text NOT NULL,
    age_band           text NOT NULL,
    locality_code      text NOT NULL,
    ethnic_minority    boolean NOT NULL,
    support_categories text[] NOT NULL,
    learner_type       text NOT NULL,
    enrolled           boolean NOT NULL DEFAULT false,
    changed_at         timestamptz NOT NULL
);

-- A campaign fans out in batches; `fanned_out_to` (the last learner id reached, in id order) is committed with
-- each batch's messages, so a restart resumes after it and the messages' uniqueness stops any double.
CREATE TABLE campaigns (
    id             uuid PRIMARY KEY,
    name           text NOT NULL,
    goal           text NOT NULL,
    body_vi        text NOT NULL,
    body_en        text NOT NULL,
    channels       text[] NOT NULL,
    segment        jsonb NOT NULL,
    scheduled_at   timestamptz NOT NULL,
    status         text NOT NULL,
    fanned_out_to  uuid,
    reached        integer NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL
);
CREATE INDEX campaigns_due ON campaigns (scheduled_at) WHERE status IN ('scheduled', 'running');
